package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.spi.CallSite;

/**
 * A method's {@link CallSite.Hedge}, bound: how long a stream's attempt waits for its first token
 * before the same request also goes to the next target, and the budget that caps how many calls
 * are hedged. The delay is the configured one, or, with a percentile, the current target's
 * observed time to first token at that percentile once it delivered {@link
 * CallSite.Hedge#MIN_SAMPLES} first tokens (the configured delay until then). The budget is a
 * {@link RetryBank}: every call of the method deposits, every hedge withdraws. Thread-safe.
 * Internal: not part of the API.
 */
public final class Hedging {
  private final CallSite.Hedge hedge;
  private final RetryBank budget;
  /** One per target of the route, or {@code null} for a fixed delay. */
  private final FirstTokenTimes[] times;

  /** @param targets how many targets the method's route has */
  public Hedging(CallSite.Hedge hedge, RetryBank budget, int targets) {
    this.hedge = hedge;
    this.budget = budget;
    if (hedge.percentile() == 0) {
      this.times = null;
    } else {
      this.times = new FirstTokenTimes[targets];
      for (int i = 0; i < targets; i++) {
        times[i] = new FirstTokenTimes();
      }
    }
  }

  /** How long an attempt to the target at {@code index} waits before it is hedged. */
  long delayNanos(int index) {
    long observed = times == null ? -1
        : times[index].percentile(hedge.percentile(), CallSite.Hedge.MIN_SAMPLES);
    return observed > 0 ? observed : hedge.after().toNanos();
  }

  /** The target at {@code index} delivered a first token {@code nanos} after its attempt began. */
  void firstToken(int index, long nanos) {
    if (times != null) {
      times[index].add(nanos);
    }
  }

  /** A call of the method began: it counts toward the budget. */
  void called() {
    budget.deposit();
  }

  /** Takes one hedge from the budget if it allows it; false when it is spent. */
  boolean allowed() {
    return budget.withdraw();
  }
}
