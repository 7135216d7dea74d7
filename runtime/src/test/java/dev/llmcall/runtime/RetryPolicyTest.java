package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultsMatchTheOfficialSdks() {
    RetryPolicy p = RetryPolicy.defaults();
    assertEquals(3, p.maxAttempts());
    assertEquals(Duration.ofMillis(500), p.initialDelay());
    assertEquals(2.0, p.multiplier());
    assertEquals(Duration.ofSeconds(8), p.maxDelay());
    assertEquals(0.25, p.jitter());
    assertEquals(Duration.ofSeconds(60), p.maxRetryAfter());
    assertTrue(p.honorRetryAfter());
    assertFalse(p.retryOn().contains(ErrorCategory.VALIDATION));
    assertTrue(p.retryOn().contains(ErrorCategory.RATE_LIMIT));
  }

  @Test
  void presetsDiffer() {
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(6, RetryPolicy.highAvailability().maxAttempts());
    assertFalse(RetryPolicy.costSensitive().retryOn().contains(ErrorCategory.TIMEOUT));
    assertEquals(Duration.ofSeconds(5), RetryPolicy.development().maxRetryAfter());
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0).build());
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().multiplier(0.5).build());
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5).build());
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().initialDelay(Duration.ofMillis(-1)).build());
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().timeout(Duration.ZERO).build());
  }

  @Test
  void overridesReplaceOnlyTheValuesTheySet() {
    RetryPolicy p = dev.llmcall.runtime.spi.RetryOverrides.NONE.maxAttempts(5).timeoutMillis(30_000)
        .applyTo(RetryPolicy.highAvailability());
    assertEquals(5, p.maxAttempts());
    assertEquals(Duration.ofSeconds(30), p.timeout());
    assertEquals(RetryPolicy.highAvailability().initialDelay(), p.initialDelay());
    assertEquals(RetryPolicy.highAvailability().maxRetryAfter(), p.maxRetryAfter());
  }

  @Test
  void noOverridesKeepThePolicyItself() {
    RetryPolicy p = RetryPolicy.development();
    assertTrue(p == dev.llmcall.runtime.spi.RetryOverrides.NONE.applyTo(p));
  }
}
