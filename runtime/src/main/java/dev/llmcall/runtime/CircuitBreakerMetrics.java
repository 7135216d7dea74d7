package dev.llmcall.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one circuit breaker's numbers, from {@link CircuitBreaker#metrics()}.
 *
 * <pre>{@code
 * CircuitBreakerMetrics m = runtime.circuitBreaker("openai").metrics();
 * log.info("{} {}: {} of {} calls failed, {} rejected, {} times opened",
 *     m.name(), m.state(), m.failuresInWindow(), m.callsInWindow(), m.rejectedCalls(),
 *     m.transitions().getOrDefault("CLOSED->OPEN", 0L));
 * }</pre>
 *
 * <p>The window is the one of the last CLOSED period: while the breaker is OPEN or HALF_OPEN it
 * shows the calls that opened it (a time window still forgets its old seconds).
 *
 * @param failureRate failures per call in the window, from 0 to 1; {@code NaN} while the window
 *     holds fewer than {@code minimumCalls} calls
 * @param failuresInWindow calls counted as failures, slow successes included
 * @param slowCallsInWindow calls slower than {@code slowCallDuration}, successful or not
 * @param consecutiveFailures failures since the last success in CLOSED
 * @param rejectedCalls calls rejected since the breaker was made
 * @param timeInState how long the breaker has been in {@code state}
 * @param transitions how often each state change happened since the breaker was made, keyed like
 *     {@code "CLOSED->OPEN"}, sorted by key; changes that never happened are left out
 */
public record CircuitBreakerMetrics(
    String name,
    CircuitBreaker.State state,
    double failureRate,
    int callsInWindow,
    int failuresInWindow,
    int slowCallsInWindow,
    int consecutiveFailures,
    long rejectedCalls,
    Duration timeInState,
    Map<String, Long> transitions) {

  /** Checks for nulls and keeps a sorted, unmodifiable copy of {@code transitions}. */
  public CircuitBreakerMetrics {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(timeInState, "timeInState == null");
    transitions = Collections.unmodifiableSortedMap(
        new TreeMap<>(Objects.requireNonNull(transitions, "transitions == null")));
  }
}
