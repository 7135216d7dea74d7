package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.internal.failure.Classification;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Whether to try a failed call again, and after how long: a pure function of the policy, the
 * failure, the attempt count and the time left. It never sleeps; the caller waits. Internal: not
 * part of the API.
 *
 * @param delay how long to wait before the next attempt, when {@link #retry()}
 * @param source where the wait came from
 * @param stopReason why the call ends now, or {@code null} to retry
 */
public record RetryDecision(Duration delay, WaitSource source, String stopReason) {

  /** Whether to try again. */
  public boolean retry() {
    return stopReason == null;
  }

  static RetryDecision stop(String reason) {
    return new RetryDecision(Duration.ZERO, WaitSource.NONE, reason);
  }

  /**
   * Decides after attempt number {@code attempt} (1-based) failed with {@code failure}, with
   * {@code remainingNanos} left before the call's deadline.
   */
  public static RetryDecision decide(
      RetryPolicy policy, Classification failure, int attempt, long remainingNanos, RandomGenerator random) {
    if (!failure.retryable()) {
      return stop("not retryable");
    }
    if (!policy.retryOn().contains(failure.category())) {
      return stop("the retry policy does not retry " + failure.category());
    }
    if (attempt >= policy.maxAttempts()) {
      return stop("gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
    }
    Duration wait = backoff(policy, attempt, random);
    WaitSource source = WaitSource.BACKOFF;
    Duration hint = failure.retryAfter();
    if (hint != null && policy.honorRetryAfter()) {
      if (hint.compareTo(policy.maxRetryAfter()) > 0) {
        return stop("the provider asked to wait " + hint.toMillis() + " ms, more than the policy's cap of "
            + policy.maxRetryAfter().toMillis() + " ms");
      }
      wait = hint;
      source = WaitSource.RETRY_AFTER;
    }
    if (wait.toNanos() >= remainingNanos) {
      return stop("waiting " + wait.toMillis() + " ms would pass the call's deadline of "
          + policy.timeout().toMillis() + " ms");
    }
    return new RetryDecision(wait, source, null);
  }

  /**
   * The backoff before retry {@code retry} (1-based): {@code initialDelay * multiplier^(retry-1)},
   * at most {@code maxDelay}, minus a random fraction of up to {@code jitter}.
   */
  public static Duration backoff(RetryPolicy policy, int retry, RandomGenerator random) {
    double nanos = policy.initialDelay().toNanos() * Math.pow(policy.multiplier(), retry - 1);
    nanos = Math.min(nanos, policy.maxDelay().toNanos());
    nanos *= 1.0 - random.nextDouble() * policy.jitter();
    return Duration.ofNanos((long) nanos);
  }
}
