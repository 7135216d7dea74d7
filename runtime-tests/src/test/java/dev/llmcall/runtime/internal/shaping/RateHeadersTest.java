package dev.llmcall.runtime.internal.shaping;

import static dev.llmcall.runtime.internal.shaping.RateHeaders.ABSENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading OpenAI's and Anthropic's rate-limit headers (#13). */
class RateHeadersTest {
  private static final long NOW = 5_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final Clock WALL = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String... pairs) {
    java.util.Map<String, List<String>> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @Test
  void goDurationsAsOpenAiWritesThem() {
    assertEquals(6 * 60 * SECOND, RateHeaders.goDuration("6m0s"));
    assertEquals(SECOND, RateHeaders.goDuration("1s"));
    assertEquals(20_000_000L, RateHeaders.goDuration("20ms"));
    assertEquals(3723 * SECOND + SECOND / 2, RateHeaders.goDuration("1h2m3.5s"));
    assertEquals(1_500L, RateHeaders.goDuration("1.5us"));
    assertEquals(0, RateHeaders.goDuration("0s"));
    assertEquals(0, RateHeaders.goDuration("0"));
    assertEquals(ABSENT, RateHeaders.goDuration("soon"));
    assertEquals(ABSENT, RateHeaders.goDuration("5"));
    assertEquals(ABSENT, RateHeaders.goDuration("1x"));
  }

  @Test
  void openAiRequestsAndTokens() {
    long[] r = RateHeaders.read(headers(
        "x-ratelimit-limit-requests", "60",
        "x-ratelimit-remaining-requests", "59",
        "x-ratelimit-reset-requests", "1s",
        "x-ratelimit-limit-tokens", "150000",
        "x-ratelimit-remaining-tokens", "149984",
        "x-ratelimit-reset-tokens", "6m0s"), NOW, WALL);
    assertArrayEquals(new long[] {60, 59, NOW + SECOND, 150_000, 149_984, NOW + 360 * SECOND,
        ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT}, r);
  }

  @Test
  void headerNamesAreCaseInsensitiveAndBadValuesAreIgnored() {
    long[] r = RateHeaders.read(headers(
        "X-RateLimit-Remaining-Requests", "7",
        "X-RateLimit-Limit-Requests", "lots",
        "X-RateLimit-Reset-Requests", "later"), NOW, WALL);
    assertEquals(ABSENT, r[0]);
    assertEquals(7, r[1]);
    assertEquals(ABSENT, r[2]);
  }

  @Test
  void anthropicDimensionsWithRfc3339Resets() {
    long[] r = RateHeaders.read(headers(
        "anthropic-ratelimit-requests-limit", "50",
        "anthropic-ratelimit-requests-remaining", "49",
        "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:01Z",
        "anthropic-ratelimit-tokens-limit", "38000",
        "anthropic-ratelimit-tokens-remaining", "30000",
        "anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:30.5Z",
        "anthropic-ratelimit-input-tokens-limit", "30000",
        "anthropic-ratelimit-input-tokens-remaining", "29000",
        "anthropic-ratelimit-input-tokens-reset", "2026-03-01T13:00:02+01:00",
        "anthropic-ratelimit-output-tokens-limit", "8000",
        "anthropic-ratelimit-output-tokens-remaining", "1000",
        "anthropic-ratelimit-output-tokens-reset", "2026-03-01T12:01:00Z"), NOW, WALL);
    assertArrayEquals(new long[] {50, 49, NOW + SECOND, 38_000, 30_000, NOW + 30 * SECOND + SECOND / 2,
        30_000, 29_000, NOW + 2 * SECOND, 8_000, 1_000, NOW + 60 * SECOND}, r);
  }

  @Test
  void aResetInThePastIsNow() {
    long[] r = RateHeaders.read(headers(
        "anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", "2026-03-01T11:59:00Z"), NOW, WALL);
    assertEquals(NOW, r[2]);
  }

  @Test
  void noRateLimitHeadersNoReading() {
    assertNull(RateHeaders.read(headers("x-request-id", "req_1", "retry-after", "3"), NOW, WALL));
    assertNull(RateHeaders.read(HttpHeaders.of(Map.of(), (a, b) -> true), NOW, WALL));
  }
}
