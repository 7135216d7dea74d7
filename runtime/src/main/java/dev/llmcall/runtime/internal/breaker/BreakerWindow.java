package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import java.util.function.LongSupplier;

/**
 * The recent calls of a CLOSED circuit breaker, and the rules that open it. Running totals are
 * kept on every record and taken back when a call leaves the window (subtract-on-evict), so
 * recording and reading are O(1), and recording allocates nothing. One plain lock guards it all,
 * held for a few field updates, as in resilience4j's default
 * {@code FixedSizeSlidingWindowMetrics}. It is {@code synchronized} rather than a
 * {@code ReentrantLock}: under contention a monitor inflates outside the heap, while a
 * {@code ReentrantLock} allocates queue nodes, and the lock is never held across a blocking call.
 *
 * <p>The window belongs to one CLOSED period, named by its epoch. A record from an older period
 * is dropped; one from a newer period starts the window afresh, so it does not matter whether the
 * breaker or the first caller of the new period gets here first. Internal: not part of the API.
 */
abstract sealed class BreakerWindow permits CountWindow, TimeWindow {
  /** Outcome bit: the call counts as a failure. */
  static final int FAILURE = 1;
  /** Outcome bit: the call was slower than {@code slowCallDuration}. */
  static final int SLOW = 2;

  /** {@link #record} verdicts. */
  static final int STAY_CLOSED = 0;
  static final int OPEN_ON_CONSECUTIVE_FAILURES = 1;
  static final int OPEN_ON_FAILURE_RATE = 2;

  /** Totals over the calls in the window; subclasses add and subtract through the methods below. */
  private int calls;
  private int failures;
  private int slowCalls;
  /** Not windowed: failures since the last success, cleared when the window starts afresh. */
  private int consecutiveFailures;
  private long epoch;

  BreakerWindow(long epoch) {
    this.epoch = epoch;
  }

  /** A window of the configured shape for the CLOSED period {@code epoch}. */
  static BreakerWindow of(SlidingWindow shape, LongSupplier nanoClock, long epoch) {
    return shape.type() == SlidingWindow.Type.COUNT
        ? new CountWindow(shape.size(), epoch)
        : new TimeWindow(shape.size(), nanoClock, epoch);
  }

  /** Whether this window has that type and size, so it can be kept across a reconfigure. */
  abstract boolean hasShape(SlidingWindow shape);

  /** Stores one outcome, taking back whatever it pushes out; totals go through {@link #add}. */
  abstract void store(int outcome);

  /** Pushes out calls that are too old (time windows), before the totals are read. */
  abstract void expire();

  /** Forgets every call; totals are already zeroed. */
  abstract void clear();

  /**
   * Counts one outcome of period {@code epoch} and says whether the breaker should open now.
   * Allocation-free.
   *
   * @param outcome {@link #FAILURE} and {@link #SLOW} bits, or 0 for a plain success
   */
  final synchronized int record(long epoch, int outcome, CircuitBreakerConfig config) {
    if (epoch < this.epoch) {
      return STAY_CLOSED;
    }
    if (epoch > this.epoch) {
      restartLocked(epoch);
    }
    store(outcome);
    if ((outcome & FAILURE) == 0) {
      consecutiveFailures = 0;
    } else if (++consecutiveFailures >= config.failureThreshold() && config.failureThreshold() > 0) {
      return OPEN_ON_CONSECUTIVE_FAILURES;
    }
    // Checked after a success too, as resilience4j does: 9 failures and then a success make the
    // 10 calls of minimumCalls, at a rate of 90%.
    if (calls >= config.minimumCalls() && failures >= config.failureRateThreshold() * calls) {
      return OPEN_ON_FAILURE_RATE;
    }
    return STAY_CLOSED;
  }

  /** Starts the window afresh for CLOSED period {@code epoch}, unless it already serves it. */
  final synchronized void restart(long epoch) {
    if (epoch > this.epoch) {
      restartLocked(epoch);
    }
  }

  private void restartLocked(long newEpoch) {
    epoch = newEpoch;
    calls = 0;
    failures = 0;
    slowCalls = 0;
    consecutiveFailures = 0;
    clear();
  }

  /** The totals now, after the calls that have aged out are gone. */
  final synchronized Counts counts() {
    expire();
    return new Counts(calls, failures, slowCalls, consecutiveFailures);
  }

  /** Adds ({@code sign} 1) or takes back ({@code sign} -1) one call's outcome; lock held. */
  final void add(int outcome, int sign) {
    calls += sign;
    failures += sign * (outcome & FAILURE);
    slowCalls += sign * ((outcome & SLOW) >> 1);
  }

  /** Adds or takes back a whole bucket of calls; lock held. */
  final void add(int bucketCalls, int bucketFailures, int bucketSlowCalls, int sign) {
    calls += sign * bucketCalls;
    failures += sign * bucketFailures;
    slowCalls += sign * bucketSlowCalls;
  }

  /** The totals at one moment. */
  record Counts(int calls, int failures, int slowCalls, int consecutiveFailures) {}
}
