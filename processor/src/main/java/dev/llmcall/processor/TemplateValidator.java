package dev.llmcall.processor;

import dev.llmcall.processor.PromptTemplate.SyntaxError;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a method's prompt and system templates against its parameters: syntax, unknown
 * placeholders (with a "did you mean"), arrays in a prompt, parameters no template uses, and
 * parameters that are sent as such (a history, an image, a tool set) used in a template (#12).
 */
final class TemplateValidator {

  void check(
      ClientModel client, MethodModel method, CallModel call, ValidationReport.Builder report) {
    Set<String> used = new HashSet<>();
    boolean allResolved = !call.prompt().value().text().isBlank()
        && checkTemplate(client, method, call, call.prompt(), "prompt", used, report);
    if (call.system().isPresent()) {
      allResolved &=
          checkTemplate(client, method, call, call.system().get(), "system", used, report);
    }
    for (ParamModel param : method.params()) {
      if (param.kind().sentAsSuch()) {
        if (used.contains(param.name())) {
          report.error(param.source(), Messages.INPUT_IN_TEMPLATE, param.name(),
              method.displayName(), param.kind().description(), param.name());
        }
      } else if (used.contains(param.name()) && param.kind() == ParamModel.Kind.ARRAY) {
        report.error(param.source(), Messages.ARRAY_IN_TEMPLATE,
            param.name(), method.displayName(), param.type());
      } else if (allResolved && !used.contains(param.name())) {
        // After a typo in a placeholder, the parameter it meant would be reported as unused.
        report.warning(param.source(), Messages.UNUSED_PARAMETER,
            param.name(), method.displayName());
      }
    }
  }

  /** Reports a syntax error of a template written where {@code template.source()} points. */
  void checkSyntax(
      Setting<PromptTemplate> template, String member, ValidationReport.Builder report) {
    Optional<SyntaxError> error = template.value().error();
    if (error.isEmpty()) {
      return;
    }
    int index = error.get().index();
    String where = describe(template, member);
    SourceRef source = template.source();
    switch (error.get().reason()) {
      case UNCLOSED_BRACE -> report.error(source, Messages.UNCLOSED_BRACE, index, where);
      case UNOPENED_BRACE -> report.error(source, Messages.UNOPENED_BRACE, index, where);
      case EMPTY_PLACEHOLDER -> report.error(source, Messages.EMPTY_PLACEHOLDER, index, where);
      case INVALID_PLACEHOLDER -> {
        if (looksLikeJson(error.get().placeholder())) {
          report.error(source, Messages.JSON_IN_TEMPLATE, index, where,
              escaped(template.value().text(), index));
        } else {
          report.error(
              source, Messages.INVALID_PLACEHOLDER, error.get().placeholder(), index, where);
        }
      }
    }
  }

  /**
   * {@code "name": ...} or {@code [1, 2]} between braces is JSON meant literally, not a name;
   * {@code {a, b}} or {@code {items[0]}} are more likely attempts at placeholders.
   */
  private static boolean looksLikeJson(String placeholder) {
    String inside = placeholder.strip();
    return inside.startsWith("[") || inside.startsWith("{")
        || placeholder.chars().anyMatch(c -> c == '"' || c == '\'' || c == ':');
  }

  /** The JSON object starting at {@code start}, braces doubled: {@code {{"name": ...}}}. */
  static String escaped(String text, int start) {
    int depth = 0;
    int end = text.length();
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        end = i + 1;
        break;
      }
    }
    String json = text.substring(start, end);
    if (json.length() > 60) {
      json = json.substring(0, 50) + "...";
    }
    return json.replace("{", "{{").replace("}", "}}");
  }

  /** Checks one template and adds the parameters it uses; false if it has any error. */
  private boolean checkTemplate(
      ClientModel client,
      MethodModel method,
      CallModel call,
      Setting<PromptTemplate> template,
      String member,
      Set<String> used,
      ValidationReport.Builder report) {
    if (!template.value().isValid()) {
      if (!template.inherited()) {
        checkSyntax(template, member, report);
      }
      return false;
    }
    // A placeholder of an inherited system prompt is wrong for this method, not for the interface.
    SourceRef source = !template.inherited() ? template.source()
        : method.inherited() ? client.source() : call.source();
    boolean resolved = true;
    for (String name : template.value().placeholderNames()) {
      if (method.param(name).isPresent()) {
        used.add(name);
      } else if (lostParameterNames(method)) {
        report.error(SourceRef.of(client.source().element()), Messages.PARAMETER_NAMES_MISSING,
            method.displayName(), String.join(", ", method.params().stream()
                .map(ParamModel::name).toList()),
            name, method.declaringType(), method.name(), client.displayName());
        return false;
      } else {
        report.error(source, Messages.UNKNOWN_PLACEHOLDER,
            name, describe(template, member), method.displayName(), hint(method, name));
        resolved = false;
      }
    }
    return resolved;
  }

  /**
   * Whether {@code method} was read from a class file compiled without {@code -parameters}: its
   * parameters are then called {@code arg0}, {@code arg1}, ...
   */
  private static boolean lostParameterNames(MethodModel method) {
    List<ParamModel> params = method.params();
    if (!method.compiled() || params.isEmpty()) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      if (!params.get(i).name().equals("arg" + i)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Setting<PromptTemplate> template, String member) {
    String quoted = member + " \"" + template.value().text() + "\"";
    return template.inherited() ? "the @LlmClient " + quoted : quoted;
  }

  /** "; did you mean 'text'?" for a near miss, else the list of parameters. */
  private static String hint(MethodModel method, String placeholder) {
    Optional<ParamModel> nearest = method.params().stream()
        .filter(p -> distance(p.name(), placeholder) <= 2)
        .min(Comparator.comparingInt(p -> distance(p.name(), placeholder)));
    if (nearest.isPresent()) {
      return "; did you mean '" + nearest.get().name() + "'?";
    } else if (method.params().isEmpty()) {
      return ", which has no parameters";
    }
    return "; its parameters are "
        + String.join(", ", method.params().stream().map(ParamModel::name).toList());
  }

  /** Levenshtein distance, where a name equal ignoring case counts as the nearest of all. */
  static int distance(String a, String b) {
    if (a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT))) {
      return 0;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
