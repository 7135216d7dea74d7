package dev.llmcall.processor;

import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.StructuredType.Problem;
import dev.llmcall.processor.StructuredType.Unsupported;
import dev.llmcall.processor.ToolSetModel.ToolModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Checks a tool set (#12): an interface whose abstract methods are all tools, each with a valid,
 * unique name, a description, no type parameters and types that map to JSON. Each problem is
 * reported on the tool's own method or parameter; in a class file, on the parameter that takes
 * the tool set.
 */
final class ToolSetValidator {
  /** What both providers accept as a tool's name. */
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ToolSetValidator() {}

  /** @param usedBy the first parameter that takes the tool set, of {@code method} */
  static void check(ToolSetModel toolSet, MethodModel method, ParamModel usedBy,
      ValidationReport.Builder report) {
    if (!toolSet.isInterface()) {
      report.error(usedBy.source(), Messages.TOOL_SET_NOT_INTERFACE, usedBy.name(),
          method.displayName(), toolSet.displayName());
      return;
    }
    ValidationReport.Builder on = !toolSet.compiled() ? report : report.relocatedTo(
        usedBy.source(), String.format(Messages.FROM_CLASS_FILE, toolSet.displayName()));
    for (SourceRef untagged : toolSet.untagged()) {
      on.error(untagged, Messages.NOT_A_TOOL,
          toolSet.displayName() + "." + untagged.element().getSimpleName(), toolSet.displayName());
    }
    for (SourceRef misplaced : toolSet.misplaced()) {
      on.error(misplaced, Messages.MISPLACED_TOOL,
          toolSet.displayName() + "." + misplaced.element().getSimpleName(),
          misplaced.element().getModifiers().contains(Modifier.STATIC) ? "static" : "private");
    }
    Set<String> methods = new HashSet<>();
    Map<String, ToolModel> names = new HashMap<>();
    for (ToolModel tool : toolSet.tools()) {
      String display = toolSet.displayName() + "." + tool.method();
      SourceRef onMethod = SourceRef.of(tool.source().element());
      if (!tool.typeParameters().isEmpty()) {
        on.error(onMethod, Messages.GENERIC_TOOL,
            display, "<" + String.join(", ", tool.typeParameters()) + ">");
      }
      String name = tool.name().value();
      if (!methods.add(tool.method())) {
        on.error(onMethod, Messages.TOOL_OVERLOAD, display, toolSet.displayName());
      } else if (!TOOL_NAME.matcher(name).matches()) {
        on.error(tool.name().source(), Messages.INVALID_TOOL_NAME, name, display);
      } else if (names.containsKey(name)) {
        on.error(tool.name().source(), Messages.DUPLICATE_TOOL_NAME, name, display,
            toolSet.displayName() + "." + names.get(name).method());
      }
      names.putIfAbsent(name, tool);
      if (tool.description().value().isBlank()) {
        on.error(tool.description().source(), Messages.BLANK_TOOL_DESCRIPTION, display);
      }
      checkTypes(tool, display, on);
    }
  }

  private static void checkTypes(ToolModel tool, String display, ValidationReport.Builder report) {
    for (Component param : tool.params()) {
      param.type().unsupported().ifPresent(p -> report.error(param.source(),
          Messages.UNSUPPORTED_TOOL_TYPE, "Parameter '" + param.name() + "' of tool " + display,
          StructuredType.display(param.type().type()), p.reason()));
    }
    tool.result().flatMap(StructuredType::unsupported).ifPresent(p -> report.error(
        SourceRef.of(tool.source().element()), Messages.UNSUPPORTED_TOOL_TYPE,
        "The result of tool " + display, StructuredType.display(tool.result().get().type()),
        reason(tool, p)));
  }

  /** An Optional result is an Optional at the root, not inside another type. */
  private static String reason(ToolModel tool, Unsupported problem) {
    return problem.problem() == Problem.NESTED_OPTIONAL
        && problem.type().equals(tool.result().get().type())
        ? "a tool returns its value, or null for none"
        : problem.reason();
  }
}
