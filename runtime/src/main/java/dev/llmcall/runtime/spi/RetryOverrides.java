package dev.llmcall.runtime.spi;

import dev.llmcall.runtime.RetryPolicy;
import java.time.Duration;

/**
 * Single values of a named retry policy that one method overrides, from the numeric members of
 * {@code @Retry}; each is {@code null} (absent) unless set, which leaves the policy's value.
 * Applied once, when the client is constructed.
 *
 * <pre>{@code
 * CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini")
 *     .retryPolicy("high-availability")
 *     .retryOverrides(RetryOverrides.NONE.maxAttempts(4).timeoutMillis(30_000));
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 */
public record RetryOverrides(
    Integer maxAttempts,
    Long initialDelayMillis,
    Double multiplier,
    Long maxDelayMillis,
    Double jitter,
    Long maxRetryAfterMillis,
    Long timeoutMillis) {

  /** Overrides nothing. */
  public static final RetryOverrides NONE =
      new RetryOverrides(null, null, null, null, null, null, null);

  public RetryOverrides maxAttempts(int v) {
    return new RetryOverrides(v, initialDelayMillis, multiplier, maxDelayMillis, jitter,
        maxRetryAfterMillis, timeoutMillis);
  }

  public RetryOverrides initialDelayMillis(long v) {
    return new RetryOverrides(maxAttempts, v, multiplier, maxDelayMillis, jitter,
        maxRetryAfterMillis, timeoutMillis);
  }

  public RetryOverrides multiplier(double v) {
    return new RetryOverrides(maxAttempts, initialDelayMillis, v, maxDelayMillis, jitter,
        maxRetryAfterMillis, timeoutMillis);
  }

  public RetryOverrides maxDelayMillis(long v) {
    return new RetryOverrides(maxAttempts, initialDelayMillis, multiplier, v, jitter,
        maxRetryAfterMillis, timeoutMillis);
  }

  public RetryOverrides jitter(double v) {
    return new RetryOverrides(maxAttempts, initialDelayMillis, multiplier, maxDelayMillis, v,
        maxRetryAfterMillis, timeoutMillis);
  }

  public RetryOverrides maxRetryAfterMillis(long v) {
    return new RetryOverrides(maxAttempts, initialDelayMillis, multiplier, maxDelayMillis, jitter,
        v, timeoutMillis);
  }

  public RetryOverrides timeoutMillis(long v) {
    return new RetryOverrides(maxAttempts, initialDelayMillis, multiplier, maxDelayMillis, jitter,
        maxRetryAfterMillis, v);
  }

  /**
   * The policy with these values put in; the policy checks their ranges.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public RetryPolicy applyTo(RetryPolicy policy) {
    if (equals(NONE)) {
      return policy;
    }
    RetryPolicy.Builder b = policy.toBuilder();
    if (maxAttempts != null) {
      b.maxAttempts(maxAttempts);
    }
    if (initialDelayMillis != null) {
      b.initialDelay(Duration.ofMillis(initialDelayMillis));
    }
    if (multiplier != null) {
      b.multiplier(multiplier);
    }
    if (maxDelayMillis != null) {
      b.maxDelay(Duration.ofMillis(maxDelayMillis));
    }
    if (jitter != null) {
      b.jitter(jitter);
    }
    if (maxRetryAfterMillis != null) {
      b.maxRetryAfter(Duration.ofMillis(maxRetryAfterMillis));
    }
    if (timeoutMillis != null) {
      b.timeout(Duration.ofMillis(timeoutMillis));
    }
    return b.build();
  }
}
