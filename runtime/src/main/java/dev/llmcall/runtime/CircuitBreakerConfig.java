package dev.llmcall.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link CircuitBreaker}: when it opens, what counts as a failure, how long it
 * stays open and how it tries the provider again. Build one from {@link #defaults()} or
 * {@link #builder()}; every range is checked when the record is made.
 *
 * <pre>{@code
 * CircuitBreakerConfig config = CircuitBreakerConfig.builder()
 *     .failureThreshold(3)                                  // 3 failures in a row open it
 *     .window(CircuitBreakerConfig.SlidingWindow.time(Duration.ofSeconds(60)))
 *     .slowCallDuration(Duration.ofSeconds(20))             // a 25 s answer counts as a failure
 *     .build();
 * runtime.circuitBreaker("openai").reconfigure(config);
 * }</pre>
 *
 * <p>Defaults ({@link #defaults()}):
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>failureThreshold</td><td>5 consecutive failures</td></tr>
 *   <tr><td>failureRateThreshold</td><td>0.5 (50%)</td></tr>
 *   <tr><td>minimumCalls</td><td>10</td></tr>
 *   <tr><td>window</td><td>the last 20 calls ({@code SlidingWindow.count(20)})</td></tr>
 *   <tr><td>slowCallDuration</td><td>off ({@code null})</td></tr>
 *   <tr><td>rateLimitIsFailure</td><td>false</td></tr>
 *   <tr><td>openDuration</td><td>30 s</td></tr>
 *   <tr><td>openDurationMultiplier</td><td>2.0</td></tr>
 *   <tr><td>maxOpenDuration</td><td>5 min</td></tr>
 *   <tr><td>halfOpenTrials</td><td>3</td></tr>
 *   <tr><td>maxHalfOpenDuration</td><td>60 s</td></tr>
 *   <tr><td>healthCheckInterval</td><td>off ({@code null})</td></tr>
 * </table>
 *
 * @param failureThreshold consecutive failures that open the breaker; 0 turns this rule off
 * @param failureRateThreshold the share of failures in the window that opens it, in (0, 1]
 * @param minimumCalls calls the window must hold before the rate rule applies; at least 1, and
 *     at most the size of a count window
 * @param window the calls the rate rule looks at
 * @param slowCallDuration a call slower than this counts as a failure, even when it succeeded;
 *     {@code null} turns slow calls off
 * @param rateLimitIsFailure whether {@link ErrorCategory#RATE_LIMIT} counts as a failure
 * @param openDuration how long the breaker stays OPEN the first time it opens
 * @param openDurationMultiplier the factor the open time grows by each time the breaker re-opens
 *     without having closed in between; at least 1
 * @param maxOpenDuration the longest the open time grows to; a provider's retry hint may still
 *     keep the breaker open longer
 * @param halfOpenTrials trial calls let through in HALF_OPEN, and the successes that close it
 * @param maxHalfOpenDuration the longest the breaker waits in HALF_OPEN for its trials before it
 *     decides on what it has seen
 * @param healthCheckInterval how often an OPEN breaker's provider is probed; {@code null} = never
 */
public record CircuitBreakerConfig(
    int failureThreshold,
    double failureRateThreshold,
    int minimumCalls,
    SlidingWindow window,
    Duration slowCallDuration,
    boolean rateLimitIsFailure,
    Duration openDuration,
    double openDurationMultiplier,
    Duration maxOpenDuration,
    int halfOpenTrials,
    Duration maxHalfOpenDuration,
    Duration healthCheckInterval) {

  /** Validates every setting; a bad one gives an {@link IllegalArgumentException} naming it. */
  public CircuitBreakerConfig {
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(openDuration, "openDuration == null");
    Objects.requireNonNull(maxOpenDuration, "maxOpenDuration == null");
    Objects.requireNonNull(maxHalfOpenDuration, "maxHalfOpenDuration == null");
    check(failureThreshold >= 0, "failureThreshold must be >= 0 (0 turns it off): %s", failureThreshold);
    check(failureRateThreshold > 0 && failureRateThreshold <= 1,
        "failureRateThreshold must be in (0, 1]: %s", failureRateThreshold);
    check(minimumCalls >= 1, "minimumCalls must be >= 1: %s", minimumCalls);
    check(window.type() != SlidingWindow.Type.COUNT || minimumCalls <= window.size(),
        "minimumCalls (%s) must not exceed the count window's size (%s), or the rate rule never applies",
        minimumCalls, window.size());
    check(slowCallDuration == null || isPositive(slowCallDuration),
        "slowCallDuration must be > 0, or null for off: %s", slowCallDuration);
    check(isPositive(openDuration), "openDuration must be > 0: %s", openDuration);
    check(openDurationMultiplier >= 1 && Double.isFinite(openDurationMultiplier),
        "openDurationMultiplier must be >= 1 and finite: %s", openDurationMultiplier);
    check(maxOpenDuration.compareTo(openDuration) >= 0,
        "maxOpenDuration (%s) must be >= openDuration (%s)", maxOpenDuration, openDuration);
    check(halfOpenTrials >= 1, "halfOpenTrials must be >= 1: %s", halfOpenTrials);
    check(isPositive(maxHalfOpenDuration), "maxHalfOpenDuration must be > 0: %s", maxHalfOpenDuration);
    check(healthCheckInterval == null || isPositive(healthCheckInterval),
        "healthCheckInterval must be > 0, or null for off: %s", healthCheckInterval);
  }

  /** The settings listed in the class comment. */
  public static CircuitBreakerConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether a failure of this category says the provider is unhealthy: {@code SERVER_ERROR},
   * {@code NETWORK} and {@code TIMEOUT} always do, {@code RATE_LIMIT} when
   * {@link #rateLimitIsFailure()}; the caller's own mistakes ({@code AUTHENTICATION},
   * {@code VALIDATION}, {@code CONTENT_FILTER}) and {@code UNKNOWN} never do.
   */
  public boolean countsAsFailure(ErrorCategory category) {
    Objects.requireNonNull(category, "category == null");
    switch (category) {
      case SERVER_ERROR:
      case NETWORK:
      case TIMEOUT:
        return true;
      case RATE_LIMIT:
        return rateLimitIsFailure;
      default:
        return false;
    }
  }

  private static boolean isPositive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /**
   * The calls the failure-rate rule looks at: the last {@code size} calls ({@link Type#COUNT}),
   * or the calls of the last {@code size} seconds ({@link Type#TIME}).
   *
   * <pre>{@code
   * SlidingWindow last50 = SlidingWindow.count(50);
   * SlidingWindow lastMinute = SlidingWindow.time(Duration.ofMinutes(1));
   * }</pre>
   *
   * @param type count-based or time-based
   * @param size calls for {@code COUNT} (1 to 100,000), seconds for {@code TIME} (1 to 3,600)
   */
  public record SlidingWindow(Type type, int size) {
    /** The largest count window, in calls. */
    public static final int MAX_CALLS = 100_000;
    /** The longest time window, in seconds. */
    public static final int MAX_SECONDS = 3_600;

    /** What {@link #size()} counts. */
    public enum Type { COUNT, TIME }

    /** Checks the size against the type's range. */
    public SlidingWindow {
      Objects.requireNonNull(type, "type == null");
      int max = type == Type.COUNT ? MAX_CALLS : MAX_SECONDS;
      check(size >= 1 && size <= max, "a %s window's size must be in [1, %s]: %s", type, max, size);
    }

    /** The last {@code calls} calls. */
    public static SlidingWindow count(int calls) {
      return new SlidingWindow(Type.COUNT, calls);
    }

    /** The calls of the last {@code span}, in whole seconds, at least one. */
    public static SlidingWindow time(Duration span) {
      Objects.requireNonNull(span, "span == null");
      check(span.getNano() == 0 && span.getSeconds() >= 1 && span.getSeconds() <= MAX_SECONDS,
          "a time window is 1 to %s whole seconds: %s", MAX_SECONDS, span);
      return new SlidingWindow(Type.TIME, (int) span.getSeconds());
    }
  }

  /** Builds a {@link CircuitBreakerConfig}; starts from the defaults or from a config. */
  public static final class Builder {
    private int failureThreshold = 5;
    private double failureRateThreshold = 0.5;
    private int minimumCalls = 10;
    private SlidingWindow window = SlidingWindow.count(20);
    private Duration slowCallDuration;
    private boolean rateLimitIsFailure;
    private Duration openDuration = Duration.ofSeconds(30);
    private double openDurationMultiplier = 2.0;
    private Duration maxOpenDuration = Duration.ofMinutes(5);
    private int halfOpenTrials = 3;
    private Duration maxHalfOpenDuration = Duration.ofSeconds(60);
    private Duration healthCheckInterval;

    private Builder() {}

    private Builder(CircuitBreakerConfig c) {
      failureThreshold = c.failureThreshold;
      failureRateThreshold = c.failureRateThreshold;
      minimumCalls = c.minimumCalls;
      window = c.window;
      slowCallDuration = c.slowCallDuration;
      rateLimitIsFailure = c.rateLimitIsFailure;
      openDuration = c.openDuration;
      openDurationMultiplier = c.openDurationMultiplier;
      maxOpenDuration = c.maxOpenDuration;
      halfOpenTrials = c.halfOpenTrials;
      maxHalfOpenDuration = c.maxHalfOpenDuration;
      healthCheckInterval = c.healthCheckInterval;
    }

    public Builder failureThreshold(int failures) {
      this.failureThreshold = failures;
      return this;
    }

    public Builder failureRateThreshold(double rate) {
      this.failureRateThreshold = rate;
      return this;
    }

    public Builder minimumCalls(int calls) {
      this.minimumCalls = calls;
      return this;
    }

    public Builder window(SlidingWindow window) {
      this.window = window;
      return this;
    }

    /** {@code null} turns slow calls off. */
    public Builder slowCallDuration(Duration duration) {
      this.slowCallDuration = duration;
      return this;
    }

    public Builder rateLimitIsFailure(boolean isFailure) {
      this.rateLimitIsFailure = isFailure;
      return this;
    }

    public Builder openDuration(Duration duration) {
      this.openDuration = duration;
      return this;
    }

    public Builder openDurationMultiplier(double multiplier) {
      this.openDurationMultiplier = multiplier;
      return this;
    }

    public Builder maxOpenDuration(Duration duration) {
      this.maxOpenDuration = duration;
      return this;
    }

    public Builder halfOpenTrials(int trials) {
      this.halfOpenTrials = trials;
      return this;
    }

    public Builder maxHalfOpenDuration(Duration duration) {
      this.maxHalfOpenDuration = duration;
      return this;
    }

    /** {@code null} turns health checks off. */
    public Builder healthCheckInterval(Duration interval) {
      this.healthCheckInterval = interval;
      return this;
    }

    /** @throws IllegalArgumentException if a setting is out of range */
    public CircuitBreakerConfig build() {
      return new CircuitBreakerConfig(failureThreshold, failureRateThreshold, minimumCalls, window,
          slowCallDuration, rateLimitIsFailure, openDuration, openDurationMultiplier,
          maxOpenDuration, halfOpenTrials, maxHalfOpenDuration, healthCheckInterval);
    }
  }
}
