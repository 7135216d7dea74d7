package dev.llmcall.runtime.internal.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ErrorCategory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The breaker's settings: documented defaults, range checks, and what counts as a failure. */
class CircuitBreakerConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    CircuitBreakerConfig c = CircuitBreakerConfig.defaults();
    assertEquals(5, c.failureThreshold());
    assertEquals(0.5, c.failureRateThreshold());
    assertEquals(10, c.minimumCalls());
    assertEquals(SlidingWindow.count(20), c.window());
    assertNull(c.slowCallDuration());
    assertFalse(c.rateLimitIsFailure());
    assertEquals(Duration.ofSeconds(30), c.openDuration());
    assertEquals(2.0, c.openDurationMultiplier());
    assertEquals(Duration.ofMinutes(5), c.maxOpenDuration());
    assertEquals(3, c.halfOpenTrials());
    assertEquals(Duration.ofSeconds(60), c.maxHalfOpenDuration());
    assertNull(c.healthCheckInterval());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    CircuitBreakerConfig c = CircuitBreakerConfig.builder().failureThreshold(0)
        .failureRateThreshold(1).minimumCalls(3).window(SlidingWindow.time(Duration.ofMinutes(2)))
        .slowCallDuration(Duration.ofSeconds(9)).rateLimitIsFailure(true)
        .openDuration(Duration.ofSeconds(1)).openDurationMultiplier(1)
        .maxOpenDuration(Duration.ofSeconds(1)).halfOpenTrials(1)
        .maxHalfOpenDuration(Duration.ofSeconds(2)).healthCheckInterval(Duration.ofSeconds(3)).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals(new SlidingWindow(SlidingWindow.Type.TIME, 120), c.window());
  }

  @Test
  void countsOnlyTheProvidersFailures() {
    Set<ErrorCategory> always = EnumSet.of(ErrorCategory.SERVER_ERROR, ErrorCategory.NETWORK,
        ErrorCategory.TIMEOUT);
    CircuitBreakerConfig plain = CircuitBreakerConfig.defaults();
    CircuitBreakerConfig withRateLimit = plain.toBuilder().rateLimitIsFailure(true).build();
    for (ErrorCategory c : ErrorCategory.values()) {
      assertEquals(always.contains(c), plain.countsAsFailure(c), c.name());
      assertEquals(always.contains(c) || c == ErrorCategory.RATE_LIMIT,
          withRateLimit.countsAsFailure(c), c.name());
    }
    assertThrows(NullPointerException.class, () -> plain.countsAsFailure(null));
  }

  @Test
  void everyRangeIsChecked() {
    rejects(b -> b.failureThreshold(-1), "failureThreshold must be >= 0");
    rejects(b -> b.failureRateThreshold(0), "failureRateThreshold must be in (0, 1]");
    rejects(b -> b.failureRateThreshold(1.01), "failureRateThreshold must be in (0, 1]");
    rejects(b -> b.failureRateThreshold(Double.NaN), "failureRateThreshold must be in (0, 1]");
    rejects(b -> b.minimumCalls(0), "minimumCalls must be >= 1");
    rejects(b -> b.minimumCalls(21), "minimumCalls (21) must not exceed the count window's size (20)");
    rejects(b -> b.slowCallDuration(Duration.ZERO), "slowCallDuration must be > 0");
    rejects(b -> b.openDuration(Duration.ofSeconds(-1)), "openDuration must be > 0");
    rejects(b -> b.openDurationMultiplier(0.9), "openDurationMultiplier must be >= 1");
    rejects(b -> b.openDurationMultiplier(Double.POSITIVE_INFINITY), "openDurationMultiplier must be >= 1");
    rejects(b -> b.maxOpenDuration(Duration.ofSeconds(29)), "maxOpenDuration (PT29S) must be >= openDuration (PT30S)");
    rejects(b -> b.halfOpenTrials(0), "halfOpenTrials must be >= 1");
    rejects(b -> b.maxHalfOpenDuration(Duration.ZERO), "maxHalfOpenDuration must be > 0");
    rejects(b -> b.healthCheckInterval(Duration.ofMillis(-5)), "healthCheckInterval must be > 0");
    assertThrows(NullPointerException.class, () -> CircuitBreakerConfig.builder().window(null).build());
    assertThrows(NullPointerException.class, () -> CircuitBreakerConfig.builder().openDuration(null).build());
  }

  @Test
  void minimumCallsMayExceedATimeWindowsSeconds() {
    CircuitBreakerConfig c = CircuitBreakerConfig.builder().minimumCalls(100)
        .window(SlidingWindow.time(Duration.ofSeconds(10))).build();
    assertEquals(100, c.minimumCalls());
  }

  @Test
  void slidingWindowSizesAreChecked() {
    assertEquals(new SlidingWindow(SlidingWindow.Type.COUNT, 1), SlidingWindow.count(1));
    assertEquals(100_000, SlidingWindow.count(SlidingWindow.MAX_CALLS).size());
    assertEquals(3_600, SlidingWindow.time(Duration.ofHours(1)).size());
    windowRejects(() -> SlidingWindow.count(0), "a COUNT window's size must be in [1, 100000]: 0");
    windowRejects(() -> SlidingWindow.count(100_001), "a COUNT window's size must be in [1, 100000]");
    windowRejects(() -> SlidingWindow.time(Duration.ofMillis(1500)), "a time window is 1 to 3600 whole seconds");
    windowRejects(() -> SlidingWindow.time(Duration.ZERO), "a time window is 1 to 3600 whole seconds");
    windowRejects(() -> SlidingWindow.time(Duration.ofSeconds(3601)), "a time window is 1 to 3600 whole seconds");
    windowRejects(() -> new SlidingWindow(SlidingWindow.Type.TIME, 0), "a TIME window's size must be in [1, 3600]");
  }

  private static void rejects(UnaryOperator<CircuitBreakerConfig.Builder> change, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> change.apply(CircuitBreakerConfig.builder()).build());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  private static void windowRejects(Runnable make, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
