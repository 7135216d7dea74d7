package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The calls of the last {@code size} seconds, in one bucket per second of a ring. When the clock
 * reaches a new second, the buckets it passes over are taken back from the totals and emptied, at
 * most {@code size} of them, so each call is O(1) amortised. Guarded by {@link BreakerWindow}'s
 * lock. Internal: not part of the API.
 */
final class TimeWindow extends BreakerWindow {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private final int[] calls;
  private final int[] failures;
  private final int[] slowCalls;
  /** The second (of the nano clock) of the newest bucket; older buckets hold the seconds before. */
  private long headSecond;

  TimeWindow(int seconds, LongSupplier nanoClock, long epoch) {
    super(epoch);
    this.nanoClock = nanoClock;
    calls = new int[seconds];
    failures = new int[seconds];
    slowCalls = new int[seconds];
    headSecond = currentSecond();
  }

  @Override
  boolean hasShape(SlidingWindow shape) {
    return shape.type() == SlidingWindow.Type.TIME && shape.size() == calls.length;
  }

  @Override
  void store(int outcome) {
    expire();
    int i = Math.floorMod(headSecond, calls.length);
    calls[i]++;
    failures[i] += outcome & FAILURE;
    slowCalls[i] += (outcome & SLOW) >> 1;
    add(outcome, 1);
  }

  /** Moves the head to the current second, emptying the buckets it passes over. */
  @Override
  void expire() {
    long now = currentSecond();
    if (now <= headSecond) {
      return; // same second (or a clock that went back: count it in the newest bucket)
    }
    long passed = Math.min(now - headSecond, calls.length);
    for (long s = now - passed + 1; s <= now; s++) {
      int i = Math.floorMod(s, calls.length);
      add(calls[i], failures[i], slowCalls[i], -1);
      calls[i] = 0;
      failures[i] = 0;
      slowCalls[i] = 0;
    }
    headSecond = now;
  }

  @Override
  void clear() {
    Arrays.fill(calls, 0);
    Arrays.fill(failures, 0);
    Arrays.fill(slowCalls, 0);
    headSecond = currentSecond();
  }

  private long currentSecond() {
    return Math.floorDiv(nanoClock.getAsLong(), NANOS_PER_SECOND);
  }
}
