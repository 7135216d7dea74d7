package dev.llmcall.processor;

import java.util.Objects;

/**
 * A {@code @Hedge} as written, each member with where it was written, so that the validator can
 * point at the exact value.
 *
 * @param afterMillis {@code afterMillis}
 * @param percentile {@code percentile}, 0 when left out
 * @param source the annotation, for a hedge that has no stream or no chain to hedge
 * @param inherited whether it came from the interface, so that it is checked once there
 */
record HedgeModel(Setting<Long> afterMillis, Setting<Integer> percentile, SourceRef source,
    boolean inherited) {

  HedgeModel {
    Objects.requireNonNull(afterMillis, "afterMillis == null");
    Objects.requireNonNull(percentile, "percentile == null");
    Objects.requireNonNull(source, "source == null");
  }

  /** This hedge as inherited by a method from its interface. */
  HedgeModel asInherited() {
    return new HedgeModel(afterMillis, percentile, source, true);
  }
}
