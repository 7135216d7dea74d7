package dev.llmcall.processor;

import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * Prints reports through the {@link Messager}, each distinct diagnostic once: a super-interface
 * checked as part of several clients must not repeat its errors.
 */
final class Diagnostics {
  private final Messager messager;
  private final Set<ValidationReport.Item> printed = new HashSet<>();

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  void print(ValidationReport report) {
    report.items().forEach(this::print);
  }

  void error(SourceRef source, Messages message, Object... args) {
    print(new ValidationReport.Item(Diagnostic.Kind.ERROR, message.format(args), source));
  }

  /** Reports a crash of the processor, on the type being processed if there is one. */
  void internalError(SourceRef source, String stackTrace) {
    String message = Messages.INTERNAL_ERROR.format(stackTrace);
    if (source == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message);
    } else {
      source.print(messager, Diagnostic.Kind.ERROR, message);
    }
  }

  private void print(ValidationReport.Item item) {
    if (printed.add(item)) {
      item.source().print(messager, item.kind(), item.message());
    }
  }
}
