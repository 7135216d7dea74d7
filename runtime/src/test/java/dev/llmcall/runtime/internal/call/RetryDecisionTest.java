package dev.llmcall.runtime.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.internal.failure.Classification;
import java.time.Duration;
import java.util.EnumSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {
  /** A "random" source that always returns the same fraction, so jitter is predictable. */
  private static RandomGenerator fixed(double fraction) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return fraction;
      }
    };
  }

  private static final RandomGenerator NO_JITTER = fixed(0.0);
  private static final long PLENTY = Duration.ofMinutes(10).toNanos();

  private static Classification failure(ErrorCategory category, boolean retryable, Duration hint) {
    return new Classification(category, retryable, hint, "boom", null);
  }

  @Test
  void notRetryableFailureStops() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.defaults(),
        failure(ErrorCategory.VALIDATION, false, null), 1, PLENTY, NO_JITTER);
    assertFalse(d.retry());
    assertEquals("not retryable", d.stopReason());
  }

  @Test
  void categoryOutsideRetryOnStops() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.costSensitive(),
        failure(ErrorCategory.TIMEOUT, true, null), 1, PLENTY, NO_JITTER);
    assertFalse(d.retry());
    assertTrue(d.stopReason().contains("TIMEOUT"), d.stopReason());
  }

  @Test
  void stopsAfterMaxAttempts() {
    RetryPolicy p = RetryPolicy.defaults();
    assertTrue(RetryDecision.decide(p, failure(ErrorCategory.SERVER_ERROR, true, null), 2, PLENTY, NO_JITTER).retry());
    RetryDecision d = RetryDecision.decide(p, failure(ErrorCategory.SERVER_ERROR, true, null), 3, PLENTY, NO_JITTER);
    assertFalse(d.retry());
    assertEquals("gave up after 3 attempts", d.stopReason());
  }

  @Test
  void backoffDoublesFromInitialDelayUpToMaxDelay() {
    RetryPolicy p = RetryPolicy.defaults(); // 0.5 s doubling to 8 s
    assertEquals(Duration.ofMillis(500), RetryDecision.backoff(p, 1, NO_JITTER));
    assertEquals(Duration.ofMillis(1000), RetryDecision.backoff(p, 2, NO_JITTER));
    assertEquals(Duration.ofMillis(4000), RetryDecision.backoff(p, 4, NO_JITTER));
    assertEquals(Duration.ofSeconds(8), RetryDecision.backoff(p, 5, NO_JITTER));
    assertEquals(Duration.ofSeconds(8), RetryDecision.backoff(p, 30, NO_JITTER));
  }

  @Test
  void jitterSubtractsUpToItsFraction() {
    RetryPolicy p = RetryPolicy.defaults(); // jitter 0.25
    Duration low = RetryDecision.backoff(p, 1, fixed(0.999999));
    assertTrue(low.compareTo(Duration.ofMillis(375)) >= 0 && low.compareTo(Duration.ofMillis(376)) < 0, low.toString());
    assertEquals(Duration.ofMillis(450), RetryDecision.backoff(p, 1, fixed(0.4)));
  }

  @Test
  void hintBelowCapReplacesBackoffEvenWhenLonger() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.defaults(),
        failure(ErrorCategory.RATE_LIMIT, true, Duration.ofSeconds(20)), 1, PLENTY, NO_JITTER);
    assertTrue(d.retry());
    assertEquals(Duration.ofSeconds(20), d.delay());
    assertEquals(WaitSource.RETRY_AFTER, d.source());
  }

  @Test
  void hintShorterThanBackoffIsWaitedExactly() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.defaults(),
        failure(ErrorCategory.RATE_LIMIT, true, Duration.ofMillis(100)), 1, PLENTY, NO_JITTER);
    assertEquals(Duration.ofMillis(100), d.delay());
    assertEquals(WaitSource.RETRY_AFTER, d.source());
  }

  @Test
  void hintAboveCapEndsTheCallAtOnce() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.defaults(),
        failure(ErrorCategory.RATE_LIMIT, true, Duration.ofSeconds(86_400)), 1, PLENTY, NO_JITTER);
    assertFalse(d.retry());
    assertTrue(d.stopReason().contains("86400000 ms"), d.stopReason());
  }

  @Test
  void hintIgnoredWhenPolicySaysSo() {
    RetryPolicy p = RetryPolicy.builder().honorRetryAfter(false).build();
    RetryDecision d = RetryDecision.decide(p,
        failure(ErrorCategory.RATE_LIMIT, true, Duration.ofSeconds(86_400)), 1, PLENTY, NO_JITTER);
    assertTrue(d.retry());
    assertEquals(Duration.ofMillis(500), d.delay());
    assertEquals(WaitSource.BACKOFF, d.source());
  }

  @Test
  void waitThatWouldPassTheDeadlineIsNotStarted() {
    RetryDecision d = RetryDecision.decide(RetryPolicy.defaults(),
        failure(ErrorCategory.SERVER_ERROR, true, null), 1, Duration.ofMillis(400).toNanos(), NO_JITTER);
    assertFalse(d.retry());
    assertTrue(d.stopReason().contains("deadline"), d.stopReason());
  }

  @Test
  void emptyRetryOnNeverRetries() {
    RetryPolicy p = RetryPolicy.builder().retryOn(EnumSet.noneOf(ErrorCategory.class)).build();
    assertFalse(RetryDecision.decide(p, failure(ErrorCategory.NETWORK, true, null), 1, PLENTY, NO_JITTER).retry());
  }
}
