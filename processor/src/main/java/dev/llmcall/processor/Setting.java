package dev.llmcall.processor;

import java.util.Objects;
import java.util.function.Function;

/**
 * One annotation member's value as it applies to a method, with where it was written.
 *
 * @param value the value, already converted (a string, a number or a parsed template)
 * @param source the annotation member it came from
 * @param inherited true if it came from an annotation on the interface rather than the method,
 *     so that it is checked once there and not once per method
 */
record Setting<T>(T value, SourceRef source, boolean inherited) {

  Setting {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** The same setting with its value converted, for example a string parsed as a template. */
  <R> Setting<R> map(Function<? super T, ? extends R> conversion) {
    return new Setting<>(conversion.apply(value), source, inherited);
  }

  /** This value as inherited by a method from its interface. */
  Setting<T> asInherited() {
    return new Setting<>(value, source, true);
  }
}
