package dev.llmcall.runtime.internal.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  /** 2015-10-21T07:28:00Z, a Wednesday. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  static HttpHeaders headers(String... nameValues) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @Test
  void noHeaderGivesNoHint() {
    assertNull(RetryAfter.parse(headers(), CLOCK));
    assertNull(RetryAfter.parse(headers("content-type", "application/json"), CLOCK));
  }

  @Test
  void nullHeadersGiveNoHint() {
    assertNull(RetryAfter.parse(null, CLOCK));
  }

  @ParameterizedTest
  @CsvSource({
    "1500, PT1.5S",
    "250.5, PT0.2505S",
    "0, PT0S",
    "' 20 ', PT0.02S",
  })
  void retryAfterMsIsFloatMilliseconds(String value, Duration expected) {
    assertEquals(expected, RetryAfter.parse(headers("retry-after-ms", value), CLOCK));
  }

  @Test
  void retryAfterMsBeatsRetryAfter() {
    HttpHeaders h = headers("retry-after", "30", "retry-after-ms", "1234");
    assertEquals(Duration.ofMillis(1234), RetryAfter.parse(h, CLOCK));
  }

  @Test
  void unusableRetryAfterMsFallsBackToRetryAfter() {
    HttpHeaders h = headers("retry-after-ms", "soon", "retry-after", "7");
    assertEquals(Duration.ofSeconds(7), RetryAfter.parse(h, CLOCK));
  }

  @ParameterizedTest
  @CsvSource({
    "30, PT30S",
    "1.5, PT1.5S",
    "0.25, PT0.25S",
    "0, PT0S",
    "1e1, PT10S",
  })
  void retryAfterIsFloatSeconds(String value, Duration expected) {
    assertEquals(expected, RetryAfter.parse(headers("retry-after", value), CLOCK));
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    assertEquals(Duration.ofSeconds(3), RetryAfter.parse(headers("Retry-After", "3"), CLOCK));
    assertEquals(Duration.ofMillis(3), RetryAfter.parse(headers("Retry-After-Ms", "3"), CLOCK));
  }

  @Test
  void retryAfterHttpDateIsRelativeToTheClock() {
    HttpHeaders h = headers("retry-after", "Wed, 21 Oct 2015 07:29:30 GMT");
    assertEquals(Duration.ofSeconds(90), RetryAfter.parse(h, CLOCK));
  }

  @Test
  void retryAfterHttpDateNowIsZero() {
    HttpHeaders h = headers("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
    assertEquals(Duration.ZERO, RetryAfter.parse(h, CLOCK));
  }

  @Test
  void retryAfterHttpDateInThePastGivesNoHint() {
    HttpHeaders h = headers("retry-after", "Wed, 21 Oct 2015 07:27:59 GMT");
    assertNull(RetryAfter.parse(h, CLOCK));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "-1", "-0.5", "NaN", "Infinity", "-Infinity", "1e400", "abc", "10d", "0x10", "5 seconds",
    "", "   ", "Wed, 32 Oct 2015 07:28:00 GMT", "2015-10-21T07:29:00Z", "in a minute, please",
  })
  void unusableRetryAfterGivesNoHint(String value) {
    assertNull(RetryAfter.parse(headers("retry-after", value), CLOCK));
    assertNull(RetryAfter.parse(headers("retry-after-ms", value), CLOCK));
  }

  @Test
  void hugeValuesSaturateInsteadOfThrowing() {
    Duration d = RetryAfter.parse(headers("retry-after", "1e300"), CLOCK);
    assertEquals(Duration.ofNanos(Long.MAX_VALUE), d);
  }
}
