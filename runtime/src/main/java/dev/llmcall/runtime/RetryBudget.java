package dev.llmcall.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How many retries a provider may get, beside its first attempts: at most {@code ratio} of the
 * calls sent to it in the last {@code window}, plus {@code minPerSecond} retries a second, so that
 * a failing provider is not hit with several times its normal traffic (as gRPC's retry
 * throttling and Finagle's retry budget do). When the budget is spent, a failure that the policy
 * would retry ends the call at once, saying so; {@link CallMetrics#retriesDenied()} counts it.
 * One budget per provider, shared by every method that calls it. Resuming a stream counts as a
 * retry; a structured answer's repair does not.
 *
 * <pre>{@code
 * LlmRuntime.builder().retryBudget(new RetryBudget(0.1, 5, Duration.ofSeconds(10)))
 * }</pre>
 *
 * @param ratio retries allowed per call sent in the window, 0 or more (0.2: one retry per five calls)
 * @param minPerSecond retries allowed every second whatever the traffic, so a quiet provider can
 *     still be retried
 * @param window how far back calls and retries count, whole seconds, 1 to 60
 */
public record RetryBudget(double ratio, int minPerSecond, Duration window) {

  /** The default: 20% of the last 10 s of calls, plus 10 retries a second. */
  public static final RetryBudget DEFAULT = new RetryBudget(0.2, 10, Duration.ofSeconds(10));

  /**
   * The default budget of hedged streams ({@code CallSite.Hedge}), counted per method as retries
   * are per provider: 10% of the method's calls of the last 10 s plus one a second, so a slow
   * primary never doubles the traffic to the next target, and a quiet method is still hedged.
   */
  public static final RetryBudget HEDGE_DEFAULT = new RetryBudget(0.1, 1, Duration.ofSeconds(10));

  public RetryBudget {
    Objects.requireNonNull(window, "window == null");
    if (!(ratio >= 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("ratio must be >= 0 and finite: " + ratio);
    }
    if (minPerSecond < 0) {
      throw new IllegalArgumentException("minPerSecond < 0: " + minPerSecond);
    }
    if (window.toMillis() % 1000 != 0 || window.getSeconds() < 1 || window.getSeconds() > 60) {
      throw new IllegalArgumentException("window must be 1 to 60 whole seconds: " + window);
    }
  }

  /** No budget: every retry the policy allows is made. */
  public static RetryBudget unlimited() {
    return new RetryBudget(Double.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(1));
  }

  /** Whether this budget never denies a retry. */
  public boolean isUnlimited() {
    return ratio == Double.MAX_VALUE || minPerSecond == Integer.MAX_VALUE;
  }
}
