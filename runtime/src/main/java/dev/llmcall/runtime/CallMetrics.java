package dev.llmcall.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Counters of one interface method on one provider, as a snapshot from
 * {@link LlmRuntime#metrics()}. Counting is cheap (striped adders) and always on.
 *
 * @param method the interface method, as {@code Interface.method}
 * @param provider the provider name
 * @param calls calls started
 * @param attempts HTTP attempts made
 * @param retries attempts after the first of their call
 * @param successes calls that returned a response
 * @param successesAfterRetry successful calls that needed more than one attempt
 * @param repairs structured answers sent back to be corrected (apart from retries)
 * @param retriesDenied failures the policy would have retried, ended because the provider's
 *     {@link RetryBudget} was spent
 * @param shapingWaits waits before an attempt for the provider's rate budget or a bulkhead
 *     permit ({@link RateShaping})
 * @param shapingRejections calls that failed at once as RATE_LIMIT instead of waiting for budget
 *     or a permit: the wait would pass their deadline, or the queue was full
 * @param hedges hedged streams: attempts sent to the next target of a chain while the first had
 *     no first token yet ({@code CallSite.Hedge})
 * @param hedgesWon hedges that delivered content first, and so became the stream
 * @param failures calls that ended in an {@link LlmException}
 * @param failedAttempts failed attempts by category
 * @param failuresByCategory failed calls by the category of their last error
 */
public record CallMetrics(
    String method,
    String provider,
    long calls,
    long attempts,
    long retries,
    long successes,
    long successesAfterRetry,
    long repairs,
    long retriesDenied,
    long shapingWaits,
    long shapingRejections,
    long hedges,
    long hedgesWon,
    long failures,
    Map<ErrorCategory, Long> failedAttempts,
    Map<ErrorCategory, Long> failuresByCategory) {

  public CallMetrics {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(provider, "provider == null");
    failedAttempts = Map.copyOf(failedAttempts);
    failuresByCategory = Map.copyOf(failuresByCategory);
  }
}
