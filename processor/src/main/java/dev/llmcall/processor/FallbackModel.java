package dev.llmcall.processor;

import java.util.List;
import java.util.Objects;

/**
 * A {@code @Fallback} chain as written: its name, its targets and what it moves on for, each with
 * where it was written, so that the validator can point at the exact value.
 *
 * @param name the chain's name
 * @param to the targets after the method's own, in order
 * @param on the constant names of {@code Fallback.On} it moves on for
 * @param onDefault whether {@code on} was left at its default
 * @param toSource the {@code to = ...} value, for an empty chain
 * @param inherited whether it came from the interface, so that it is checked once there
 */
record FallbackModel(
    Setting<String> name,
    List<TargetModel> to,
    List<String> on,
    boolean onDefault,
    SourceRef toSource,
    boolean inherited) {

  FallbackModel {
    Objects.requireNonNull(name, "name == null");
    to = List.copyOf(to);
    on = List.copyOf(on);
    Objects.requireNonNull(toSource, "toSource == null");
  }

  /** This chain as inherited by a method from its interface. */
  FallbackModel asInherited() {
    return new FallbackModel(name, to, on, onDefault, toSource, true);
  }

  /**
   * One {@code @Fallback.Target}.
   *
   * @param source the nested annotation, for a target written twice
   */
  record TargetModel(Setting<String> provider, Setting<String> model, boolean largerContext,
      SourceRef source) {
    TargetModel {
      Objects.requireNonNull(provider, "provider == null");
      Objects.requireNonNull(model, "model == null");
      Objects.requireNonNull(source, "source == null");
    }

    /** Whether this target is {@code provider}/{@code model}. */
    boolean is(String otherProvider, String otherModel) {
      return provider.value().equals(otherProvider) && model.value().equals(otherModel);
    }
  }
}
