package dev.llmcall.runtime;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a call is retried: how many attempts, how long to wait between them, which failures are
 * worth another try, how far to trust the provider's retry hint, and one deadline over it all.
 * Policies are values; register named ones on {@link LlmRuntime.Builder#retryPolicy}.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(6).maxDelay(Duration.ofSeconds(20)).build();
 * LlmRuntime runtime = LlmRuntime.builder().retryPolicy("patient", patient).build();
 * }</pre>
 *
 * <p>The wait before retry {@code n} (1-based) is {@code min(maxDelay, initialDelay *
 * multiplier^(n-1))}, reduced by a random fraction of up to {@code jitter}. When the provider sent
 * a retry hint and {@code honorRetryAfter} is on, a hint up to {@code maxRetryAfter} replaces that
 * wait (we never wait less than the hint); a longer hint ends the call at once.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialDelay the first backoff
 * @param multiplier growth of the backoff per retry, at least 1
 * @param maxDelay the largest backoff
 * @param jitter the largest fraction subtracted at random from a backoff, 0 to 1
 * @param retryOn categories worth retrying, when the failure itself is retryable
 * @param honorRetryAfter whether the provider's retry hint is used
 * @param maxRetryAfter the longest hint we wait for
 * @param timeout one deadline over all attempts and waits of a call
 * @param waitOnOpenCircuit whether a call that finds its circuit breaker open waits for it to
 *     half-open, when that fits before the deadline; otherwise it fails at once
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    double jitter,
    Set<ErrorCategory> retryOn,
    boolean honorRetryAfter,
    Duration maxRetryAfter,
    Duration timeout,
    boolean waitOnOpenCircuit) {

  /** The categories that are retried unless a policy says otherwise. */
  public static final Set<ErrorCategory> TRANSIENT = Set.copyOf(EnumSet.of(
      ErrorCategory.RATE_LIMIT, ErrorCategory.SERVER_ERROR, ErrorCategory.NETWORK,
      ErrorCategory.TIMEOUT, ErrorCategory.UNKNOWN));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    }
    checkNotNegative(initialDelay, "initialDelay");
    checkNotNegative(maxDelay, "maxDelay");
    checkNotNegative(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter not in 0..1: " + jitter);
    }
    retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * {@code default}: 3 attempts, 0.5 s doubling to 8 s minus up to 25 %, transient failures,
   * hints honoured up to 60 s, 10 minutes in all. Close to the official SDKs.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8), 0.25, TRANSIENT,
        true, Duration.ofSeconds(60), Duration.ofMinutes(10), false);
  }

  /** {@code none}: one attempt. */
  public static RetryPolicy none() {
    return defaults().toBuilder().maxAttempts(1).build();
  }

  /**
   * {@code high-availability}: 6 attempts, 0.25 s doubling to 10 s, hints up to 60 s,
   * 5 minutes in all, and waits for an open circuit breaker when it half-opens in time: keep
   * trying while the provider has a bad minute.
   */
  public static RetryPolicy highAvailability() {
    return defaults().toBuilder().maxAttempts(6).initialDelay(Duration.ofMillis(250))
        .maxDelay(Duration.ofSeconds(10)).timeout(Duration.ofMinutes(5))
        .waitOnOpenCircuit(true).build();
  }

  /**
   * {@code cost-sensitive}: 2 attempts, 1 s; timeouts are not retried, because a request that
   * timed out may already have been billed.
   */
  public static RetryPolicy costSensitive() {
    return defaults().toBuilder().maxAttempts(2).initialDelay(Duration.ofSeconds(1))
        .retryOn(EnumSet.of(ErrorCategory.RATE_LIMIT, ErrorCategory.SERVER_ERROR, ErrorCategory.NETWORK))
        .build();
  }

  /**
   * {@code development}: fail fast while writing code: 2 attempts, 0.1 s, hints up to 5 s,
   * 2 minutes in all.
   */
  public static RetryPolicy development() {
    return defaults().toBuilder().maxAttempts(2).initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(1)).maxRetryAfter(Duration.ofSeconds(5))
        .timeout(Duration.ofMinutes(2)).build();
  }

  private static void checkNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " < 0: " + d);
    }
  }

  /** Builds a {@link RetryPolicy}; every setter is checked when {@link #build()} runs. */
  public static final class Builder {
    private int maxAttempts;
    private Duration initialDelay;
    private double multiplier;
    private Duration maxDelay;
    private double jitter;
    private Set<ErrorCategory> retryOn;
    private boolean honorRetryAfter;
    private Duration maxRetryAfter;
    private Duration timeout;
    private boolean waitOnOpenCircuit;

    private Builder(RetryPolicy p) {
      maxAttempts = p.maxAttempts;
      initialDelay = p.initialDelay;
      multiplier = p.multiplier;
      maxDelay = p.maxDelay;
      jitter = p.jitter;
      retryOn = p.retryOn;
      honorRetryAfter = p.honorRetryAfter;
      maxRetryAfter = p.maxRetryAfter;
      timeout = p.timeout;
      waitOnOpenCircuit = p.waitOnOpenCircuit;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
      return this;
    }

    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder retryOn(Set<ErrorCategory> retryOn) {
      this.retryOn = Objects.requireNonNull(retryOn, "retryOn == null");
      return this;
    }

    public Builder honorRetryAfter(boolean honorRetryAfter) {
      this.honorRetryAfter = honorRetryAfter;
      return this;
    }

    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder waitOnOpenCircuit(boolean waitOnOpenCircuit) {
      this.waitOnOpenCircuit = waitOnOpenCircuit;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, retryOn,
          honorRetryAfter, maxRetryAfter, timeout, waitOnOpenCircuit);
    }
  }
}
