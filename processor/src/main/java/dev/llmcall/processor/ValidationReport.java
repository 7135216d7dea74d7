package dev.llmcall.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.tools.Diagnostic;

/**
 * The diagnostics found for one client, in the order they were found. A report is clean when
 * none of them is an error; only then is the client written. A trimmed-down version of Dagger's
 * {@code ValidationReport}.
 */
final class ValidationReport {
  private final List<Item> items;

  private ValidationReport(List<Item> items) {
    this.items = List.copyOf(items);
  }

  static Builder builder() {
    return new Builder();
  }

  List<Item> items() {
    return items;
  }

  boolean isClean() {
    return items.stream().noneMatch(i -> i.kind() == Diagnostic.Kind.ERROR);
  }

  /**
   * One diagnostic.
   *
   * @param kind error or warning
   * @param message the formatted message, starting with its tag
   * @param source where to print it
   */
  record Item(Diagnostic.Kind kind, String message, SourceRef source) {
    Item {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(message, "message == null");
      Objects.requireNonNull(source, "source == null");
    }
  }

  /** Collects items; every check adds to it and carries on. */
  static final class Builder {
    private final List<Item> items;
    private final SourceRef target;
    private final String note;

    private Builder() {
      this(new ArrayList<>(), null, "");
    }

    private Builder(List<Item> items, SourceRef target, String note) {
      this.items = items;
      this.target = target;
      this.note = note;
    }

    Builder error(SourceRef source, Messages message, Object... args) {
      items.add(item(Diagnostic.Kind.ERROR, message.format(args), source));
      return this;
    }

    Builder warning(SourceRef source, Messages message, Object... args) {
      items.add(item(Diagnostic.Kind.WARNING, message.format(args), source));
      return this;
    }

    /**
     * A builder into the same report that puts every item on {@code target} with {@code note}
     * after its message: for declarations read from a class file, which javac cannot point at
     * (#15).
     */
    Builder relocatedTo(SourceRef target, String note) {
      return new Builder(items, Objects.requireNonNull(target, "target == null"), note);
    }

    private Item item(Diagnostic.Kind kind, String message, SourceRef source) {
      return target == null
          ? new Item(kind, message, source)
          : new Item(kind, message + note, target);
    }

    ValidationReport build() {
      return new ValidationReport(items);
    }
  }
}
