package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreakerConfig;
import java.time.Duration;

/**
 * Where a {@link DefaultCircuitBreaker} is: immutable values swapped in one {@code AtomicReference}.
 * Every state change makes a state with the next {@code epoch}, so a permit's stamp tells which
 * period it was granted in; changes inside a period (a half-open trial taken) keep the epoch.
 * Internal: not part of the API.
 */
sealed interface BreakerState {
  /** Bits of a stamp below the epoch: the state's ordinal. */
  int STATE_BITS = 3;

  /** Counts state changes since the breaker was made; the first state is epoch 0. */
  long epoch();

  /** {@code System.nanoTime()}-like time the period began. */
  long enteredAtNanos();

  State state();

  /** What a permit granted in this period carries: the epoch, and the state in the low bits. */
  default long stamp() {
    return epoch() << STATE_BITS | state().ordinal();
  }

  /** A duration in nanoseconds, clamped to [0, 2^61): a hint of years must not overflow. */
  static long nanos(Duration d) {
    long max = Long.MAX_VALUE / 4;
    return d.isNegative() ? 0 : d.getSeconds() >= max / 1_000_000_000L ? max : d.toNanos();
  }

  /** The state a stamp was granted in. */
  static State stateOf(long stamp) {
    return State.values()[(int) (stamp & ((1 << STATE_BITS) - 1))];
  }

  /** Calls go through and are counted in the window. */
  record Closed(long epoch, long enteredAtNanos) implements BreakerState {
    @Override
    public State state() {
      return State.CLOSED;
    }
  }

  /**
   * Calls are rejected until {@code openUntilNanos}.
   *
   * @param openCount times opened since the breaker last closed, this time included; the open
   *     time grows with it
   */
  record Open(long epoch, long enteredAtNanos, long openUntilNanos, int openCount)
      implements BreakerState {
    @Override
    public State state() {
      return State.OPEN;
    }

    /**
     * How long to stay open: {@code openDuration * multiplier^(openCount - 1)}, at most
     * {@code maxOpenDuration}, and at least the provider's retry hint, even beyond the cap (calls
     * before then would be refused anyway).
     */
    static long nanos(CircuitBreakerConfig config, int openCount, Duration retryHint) {
      double grown = BreakerState.nanos(config.openDuration())
          * Math.pow(config.openDurationMultiplier(), Math.max(0, openCount - 1));
      long open = (long) Math.min(grown, BreakerState.nanos(config.maxOpenDuration()));
      return retryHint == null ? open : Math.max(open, BreakerState.nanos(retryHint));
    }
  }

  /**
   * A few trial calls go through.
   *
   * @param openCount carried over from the OPEN period before, so a failed trial grows it
   * @param permits trials granted and not given back (a success keeps its permit, an ignored
   *     outcome gives it back)
   * @param successes trials that succeeded
   */
  record HalfOpen(long epoch, long enteredAtNanos, int openCount, int permits, int successes)
      implements BreakerState {
    @Override
    public State state() {
      return State.HALF_OPEN;
    }

    HalfOpen withPermits(int newPermits) {
      return new HalfOpen(epoch, enteredAtNanos, openCount, newPermits, successes);
    }

    HalfOpen withSuccess() {
      return new HalfOpen(epoch, enteredAtNanos, openCount, permits, successes + 1);
    }
  }

  /** Set by hand: every call is rejected. */
  record ForcedOpen(long epoch, long enteredAtNanos) implements BreakerState {
    @Override
    public State state() {
      return State.FORCED_OPEN;
    }
  }

  /** Set by hand: every call goes through, nothing is counted. */
  record Disabled(long epoch, long enteredAtNanos) implements BreakerState {
    @Override
    public State state() {
      return State.DISABLED;
    }
  }
}
