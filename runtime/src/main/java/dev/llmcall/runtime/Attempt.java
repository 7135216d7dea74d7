package dev.llmcall.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP attempt of a call, as kept in {@link LlmResponse#history()} and
 * {@link LlmException#history()}: which target it went to, how it ended and what wait followed
 * it.
 *
 * <pre>{@code
 * for (Attempt a : response.history()) {
 *   log.info("attempt {} to {}/{}: {} then waited {} ({})", a.number(), a.provider(), a.model(),
 *       a.failure(), a.waitAfter(), a.waitSource());
 * }
 * }</pre>
 *
 * @param number 1-based
 * @param failure the category it failed with, or {@code null} if it succeeded
 * @param httpStatus the response status, or 0 if there was no response
 * @param duration how long the attempt took
 * @param waitAfter the wait before the next attempt; zero if none followed
 * @param waitSource where that wait came from
 * @param usage the tokens the provider reported for this attempt (billed even if it failed, as a
 *     stream cut after 500 tokens or a refusal is), or {@code null} if it reported none
 * @param provider the provider it was sent to (a fallback chain's target), or {@code null} if
 *     unknown (an attempt made with the shorter constructor)
 * @param model the model it asked for, or {@code null} if unknown
 */
public record Attempt(
    int number, ErrorCategory failure, int httpStatus, Duration duration, Duration waitAfter,
    WaitSource waitSource, Usage usage, String provider, String model) {

  /** Where a wait between attempts came from. */
  public enum WaitSource {
    /** No wait followed: the call ended. */
    NONE,
    /** The retry policy's exponential backoff. */
    BACKOFF,
    /** The provider's retry hint ({@code retry-after-ms} or {@code retry-after}). */
    RETRY_AFTER,
    /**
     * No wait: the answer arrived but did not fit the structured result's schema, and was sent
     * straight back with its violations to be corrected (a repair, not a transport retry).
     */
    REPAIR,
    /**
     * No wait: the attempt succeeded, and its answer asked for tools; they ran and their results
     * went to the model in the next attempt (a tool round of the call's tool loop).
     */
    TOOL_ROUND,
    /**
     * The attempt's failure opened the call's circuit breaker, and the policy waits for it
     * ({@code waitOnOpenCircuit}): the wait is the breaker's open time.
     */
    CIRCUIT_OPEN,
    /**
     * No wait: the attempt's target was given up (its retries spent, or its breaker open), and
     * the call moved on to the next target of its fallback chain.
     */
    FALLBACK,
    /**
     * After the failure, the call also waited for the provider's rate budget ({@link
     * RateShaping}): the wait is the retry's wait and that one added up.
     */
    RATE_SHAPING,
    /**
     * No wait: the attempt raced another one of the same call for the first token (a hedged
     * stream, {@code CallSite.Hedge}) and the call went on with the other. Either it lost the
     * race (failure {@code TIMEOUT}: the other delivered content first, and this one was
     * cancelled, its breaker permit returned uncounted), or it failed on its own while the other
     * was still running.
     */
    HEDGE
  }

  public Attempt {
    if (number < 1) {
      throw new IllegalArgumentException("number < 1: " + number);
    }
    Objects.requireNonNull(duration, "duration == null");
    Objects.requireNonNull(waitAfter, "waitAfter == null");
    Objects.requireNonNull(waitSource, "waitSource == null");
  }

  /** An attempt whose target is not known, as attempts were before fallback chains. */
  public Attempt(int number, ErrorCategory failure, int httpStatus, Duration duration,
      Duration waitAfter, WaitSource waitSource, Usage usage) {
    this(number, failure, httpStatus, duration, waitAfter, waitSource, usage, null, null);
  }

  /** Whether this attempt produced the response. */
  public boolean succeeded() {
    return failure == null;
  }
}
