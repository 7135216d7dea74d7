package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.RetryBudget;
import java.util.function.LongSupplier;

/**
 * One provider's {@link RetryBudget} at work: the calls and retries of the last window, one bucket
 * per second of a ring on the runtime's clock, so a test moves through it on virtual time. A call
 * deposits, a retry withdraws if the balance allows. Thread-safe, behind a plain lock: two
 * counters and a ring, touched once per call and once per retry. Internal: not part of the API.
 */
public final class RetryBank {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final RetryBudget budget;
  private final LongSupplier nanoClock;
  private final int[] calls;
  private final int[] retries;
  private long headSecond;
  private long totalCalls;
  private long totalRetries;

  public RetryBank(RetryBudget budget, LongSupplier nanoClock) {
    this.budget = budget;
    this.nanoClock = nanoClock;
    int seconds = budget.isUnlimited() ? 1 : (int) budget.window().getSeconds();
    this.calls = new int[seconds];
    this.retries = new int[seconds];
    this.headSecond = Math.floorDiv(nanoClock.getAsLong(), NANOS_PER_SECOND);
  }

  /** A call's first attempt went out. */
  synchronized void deposit() {
    if (budget.isUnlimited()) {
      return;
    }
    expire();
    calls[Math.floorMod(headSecond, calls.length)]++;
    totalCalls++;
  }

  /** Takes one retry from the budget if it allows it; false when it is spent. */
  synchronized boolean withdraw() {
    if (budget.isUnlimited()) {
      return true;
    }
    expire();
    double allowed = budget.ratio() * totalCalls + (double) budget.minPerSecond() * calls.length;
    if (totalRetries + 1 > allowed) {
      return false;
    }
    retries[Math.floorMod(headSecond, retries.length)]++;
    totalRetries++;
    return true;
  }

  /** Empties the buckets of the seconds that passed since the last look. */
  private void expire() {
    long now = Math.floorDiv(nanoClock.getAsLong(), NANOS_PER_SECOND);
    long passed = Math.min(now - headSecond, calls.length);
    for (long s = 1; s <= passed; s++) {
      int i = Math.floorMod(headSecond + s, calls.length);
      totalCalls -= calls[i];
      totalRetries -= retries[i];
      calls[i] = 0;
      retries[i] = 0;
    }
    headSecond = Math.max(headSecond, now);
  }

  /** Why a retry was denied, for the exception's message. */
  String denial() {
    return "the provider's retry budget is spent (" + budget.ratio() + " of the calls of the last "
        + budget.window().getSeconds() + " s plus " + budget.minPerSecond() + " a second)";
  }
}
