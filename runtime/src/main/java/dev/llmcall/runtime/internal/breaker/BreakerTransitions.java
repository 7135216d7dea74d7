package dev.llmcall.runtime.internal.breaker;

import static dev.llmcall.runtime.CircuitBreaker.State.CLOSED;
import static dev.llmcall.runtime.CircuitBreaker.State.DISABLED;
import static dev.llmcall.runtime.CircuitBreaker.State.FORCED_OPEN;
import static dev.llmcall.runtime.CircuitBreaker.State.HALF_OPEN;
import static dev.llmcall.runtime.CircuitBreaker.State.OPEN;

import dev.llmcall.runtime.CircuitBreaker.State;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says which state changes a circuit breaker may make. Every change goes
 * through {@link #check}; anything not listed is a bug. Internal: not part of the API.
 */
final class BreakerTransitions {
  /**
   * <pre>
   * from          to           when
   * CLOSED        OPEN         consecutive failures or failure rate reached
   * CLOSED        CLOSED       reset() (clears the window: a new period)
   * OPEN          HALF_OPEN    open time passed, or a health check succeeded
   * OPEN          CLOSED       reset()
   * HALF_OPEN     CLOSED       halfOpenTrials successes, or maxHalfOpenDuration with a success
   * HALF_OPEN     OPEN         a trial failed, or maxHalfOpenDuration without a success
   * FORCED_OPEN   CLOSED       reset()
   * DISABLED      CLOSED       reset()
   * any but FORCED_OPEN -&gt; FORCED_OPEN   forceOpen()
   * any but DISABLED    -&gt; DISABLED      disable()
   * </pre>
   * Not legal, among others: CLOSED to HALF_OPEN, OPEN to OPEN, HALF_OPEN to HALF_OPEN, and
   * FORCED_OPEN or DISABLED to OPEN or HALF_OPEN (only a person leaves those, through reset()).
   */
  private static final Map<State, Set<State>> LEGAL = new EnumMap<>(Map.of(
      CLOSED, EnumSet.of(OPEN, CLOSED, FORCED_OPEN, DISABLED),
      OPEN, EnumSet.of(HALF_OPEN, CLOSED, FORCED_OPEN, DISABLED),
      HALF_OPEN, EnumSet.of(CLOSED, OPEN, FORCED_OPEN, DISABLED),
      FORCED_OPEN, EnumSet.of(CLOSED, DISABLED),
      DISABLED, EnumSet.of(CLOSED, FORCED_OPEN)));

  private BreakerTransitions() {}

  /** Whether the table allows {@code from -> to}. */
  static boolean isLegal(State from, State to) {
    return LEGAL.get(from).contains(to);
  }

  /** @throws IllegalStateException if the table does not allow {@code from -> to} */
  static void check(State from, State to) {
    if (!isLegal(from, to)) {
      throw new IllegalStateException("illegal circuit breaker transition " + from + "->" + to);
    }
  }
}
