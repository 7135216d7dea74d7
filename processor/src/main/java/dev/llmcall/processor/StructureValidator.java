package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.StructuredType.Problem;
import dev.llmcall.processor.StructuredType.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the structured types of a client's methods (#6) and of their tools (#12): every
 * component of every record they read or write maps to JSON, no generic record is used, and no result is recursive. Each record
 * is checked once, however many methods use it; a problem in a component is reported on that
 * component.
 */
final class StructureValidator {

  /** Checks the results and JSON parameters of {@code methods}, which passed the basic checks. */
  void check(ClientModel client, List<MethodModel> methods, ValidationReport.Builder report) {
    List<StructuredType> results = new ArrayList<>();
    List<StructuredType> used = new ArrayList<>();
    Map<ClassName, MethodModel> firstUse = new HashMap<>();
    for (MethodModel method : methods) {
      List<StructuredType> types = new ArrayList<>();
      Optional<StructuredType> result = method.result();
      if (result.isPresent()) {
        Optional<Unsupported> problem = result.get().unsupported();
        if (problem.isPresent()) {
          reportResult(onMethod(client, method), method, problem.get(), report);
        } else {
          results.add(result.get());
          emptyEnum(result.get()).ifPresent(e -> report.error(onMethod(client, method),
              Messages.EMPTY_ENUM, "@LlmCall method " + method.displayName(), e));
        }
        types.add(result.get());
      }
      method.call().ifPresent(
          call -> method.jsonParams(call).forEach(p -> types.add(p.json().get())));
      // A tool's arguments are read like a result; its result is written like a parameter
      // (#12). Types that are not supported at all were reported on the tool.
      method.toolSet().filter(ToolSetModel::isInterface).ifPresent(toolSet -> {
        toolSet.argumentTypes().stream().filter(t -> t.unsupported().isEmpty())
            .forEach(t -> {
              results.add(t);
              types.add(t);
            });
        toolSet.resultTypes().stream().filter(t -> t.unsupported().isEmpty()).forEach(types::add);
      });
      used.addAll(types);
      client.recordsUsedBy(types).forEach(r -> firstUse.putIfAbsent(r.type(), method));
    }
    Function<RecordModel, ValidationReport.Builder> on = record -> !record.compiled() ? report
        : report.relocatedTo(onMethod(client, firstUse.get(record.type())),
            String.format(Messages.FROM_CLASS_FILE, record.displayName()));
    for (RecordModel record : client.recordsUsedBy(used)) {
      for (Component component : record.components()) {
        component.type().unsupported()
            .ifPresent(p -> reportComponent(record, component, p, on.apply(record)));
      }
    }
    for (RecordModel record : client.recordsUsedBy(results)) {
      for (Component component : record.components()) {
        emptyEnum(component.type()).ifPresent(e -> on.apply(record).error(component.source(),
            Messages.EMPTY_ENUM,
            "Component '" + component.name() + "' of record " + record.displayName(), e));
      }
    }
    new CycleFinder(client, on).visitAll(results);
  }

  /** A method itself, or the client if the method is in a class file. */
  private static SourceRef onMethod(ClientModel client, MethodModel method) {
    return SourceRef.of((method.compiled() ? client.source() : method.source()).element());
  }

  /** The enum without constants in {@code type} itself, if any: no value could ever match. */
  private static Optional<String> emptyEnum(StructuredType type) {
    StructuredType element = type;
    while (element instanceof StructuredType.Container container) {
      element = container.element();
    }
    return element instanceof StructuredType.EnumType e && e.constants().isEmpty()
        ? Optional.of(StructuredType.display(e.type()))
        : Optional.empty();
  }

  /** A root is a record, an enum or a List of them, so only a generic record is left to find. */
  private static void reportResult(SourceRef onMethod,
      MethodModel method, Unsupported problem, ValidationReport.Builder report) {
    if (problem.problem() == Problem.GENERIC_RECORD) {
      report.error(onMethod, Messages.GENERIC_RECORD,
          "@LlmCall method " + method.displayName(), StructuredType.display(problem.type()));
    } else {
      report.error(onMethod, Messages.UNSUPPORTED_RETURN_TYPE,
          method.displayName(), method.returnType());
    }
  }

  private static void reportComponent(RecordModel record, Component component,
      Unsupported problem, ValidationReport.Builder report) {
    if (problem.problem() == Problem.GENERIC_RECORD) {
      report.error(component.source(), Messages.GENERIC_RECORD,
          "Component '" + component.name() + "' of record " + record.displayName(),
          StructuredType.display(problem.type()));
    } else {
      report.error(component.source(), Messages.UNSUPPORTED_COMPONENT_TYPE,
          component.name(), record.displayName(),
          StructuredType.display(component.type().type()), problem.reason());
    }
  }

  /**
   * Depth first through the records of the results: a component that refers to a record on the
   * current path closes a cycle, and is where the cycle is reported.
   */
  private static final class CycleFinder {
    private final ClientModel client;
    private final Function<RecordModel, ValidationReport.Builder> report;
    /** The records on the current path, each with the component being followed. */
    private final Map<ClassName, String> path = new LinkedHashMap<>();
    private final Set<ClassName> done = new HashSet<>();

    CycleFinder(ClientModel client, Function<RecordModel, ValidationReport.Builder> report) {
      this.client = client;
      this.report = report;
    }

    void visitAll(List<StructuredType> results) {
      results.forEach(r -> r.records().forEach(this::visit));
    }

    private void visit(ClassName name) {
      if (done.contains(name)) {
        return;
      }
      RecordModel record = client.record(name);
      for (Component component : record.components()) {
        path.put(name, record.displayName() + "." + component.name());
        for (ClassName next : component.type().records()) {
          if (path.containsKey(next)) {
            report.apply(record).error(component.source(), Messages.CYCLIC_RECORD,
                component.name(), record.displayName(), cycle(next));
          } else {
            visit(next);
          }
        }
      }
      path.remove(name);
      done.add(name);
    }

    /** {@code Order.customer -> Customer.orders -> Order}. */
    private String cycle(ClassName start) {
      List<String> steps = new ArrayList<>();
      boolean inCycle = false;
      for (Map.Entry<ClassName, String> step : path.entrySet()) {
        inCycle |= step.getKey().equals(start);
        if (inCycle) {
          steps.add(step.getValue());
        }
      }
      steps.add(client.record(start).displayName());
      return String.join(" -> ", steps);
    }
  }
}
