package dev.llmcall.runtime.internal.shaping;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads the rate-limit headers of a provider's response into one reading: per dimension (requests,
 * tokens, input tokens, output tokens) its limit, what is left, and when it is whole again, on
 * the runtime's nanosecond clock.
 * <ul>
 *   <li>OpenAI (and Azure, xAI and compatible servers): {@code x-ratelimit-limit-requests}, {@code
 *       x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests}, and the same for
 *       {@code -tokens}; resets are Go durations ({@code 6m0s}, {@code 1s}, {@code 20ms}, {@code
 *       1h2m3.5s}).
 *   <li>Anthropic: {@code anthropic-ratelimit-requests-limit|remaining|reset}, and the same for
 *       {@code tokens}, {@code input-tokens} and {@code output-tokens}; resets are RFC 3339 times.
 * </ul>
 * Only these headers are looked up, through the headers' own map (no {@code Optional} each); a
 * value that does not parse is ignored, never an error. Internal: not part of the API.
 */
final class RateHeaders {
  static final int REQUESTS = 0;
  static final int TOKENS = 1;
  static final int INPUT = 2;
  static final int OUTPUT = 3;
  static final int DIMENSIONS = 4;
  /** A reading's value where the header was absent or unreadable. */
  static final long ABSENT = -1;

  private static final String[][] OPENAI = {
      {"x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"},
      {"x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"}};
  private static final String[][] ANTHROPIC = {
      names("requests"), names("tokens"), names("input-tokens"), names("output-tokens")};

  private RateHeaders() {}

  private static String[] names(String dimension) {
    String prefix = "anthropic-ratelimit-" + dimension;
    return new String[] {prefix + "-limit", prefix + "-remaining", prefix + "-reset"};
  }

  /**
   * The reading of {@code headers}, or {@code null} when they carry no rate-limit header. Index
   * {@code 3 * dimension} is the limit, {@code + 1} what is left, {@code + 2} the reset on the
   * {@code nowNanos} clock; each {@link #ABSENT} where not said.
   *
   * @param clock the wall clock, to turn Anthropic's reset times into waits
   */
  static long[] read(HttpHeaders headers, long nowNanos, Clock clock) {
    Map<String, List<String>> map = headers.map();
    if (map.containsKey(OPENAI[0][1]) || map.containsKey(OPENAI[1][1])) {
      long[] reading = empty();
      for (int d = 0; d < OPENAI.length; d++) {
        dimension(map, OPENAI[d], d, reading);
        reading[3 * d + 2] = after(nowNanos, goDuration(first(map, OPENAI[d][2])));
      }
      return reading;
    }
    if (!map.containsKey(ANTHROPIC[0][1]) && !map.containsKey(ANTHROPIC[1][1])
        && !map.containsKey(ANTHROPIC[2][1])) {
      return null;
    }
    long[] reading = empty();
    Instant wallNow = null;
    for (int d = 0; d < ANTHROPIC.length; d++) {
      if (dimension(map, ANTHROPIC[d], d, reading)) {
        Instant reset = rfc3339(first(map, ANTHROPIC[d][2]));
        if (reset != null) {
          wallNow = wallNow == null ? clock.instant() : wallNow;
          long in = Duration.between(wallNow, reset).toNanos();
          reading[3 * d + 2] = nowNanos + Math.max(0, in);
        }
      }
    }
    return reading;
  }

  private static long[] empty() {
    long[] reading = new long[3 * DIMENSIONS];
    java.util.Arrays.fill(reading, ABSENT);
    return reading;
  }

  /** Reads one dimension's limit and what is left; true if what is left was said. */
  private static boolean dimension(Map<String, List<String>> map, String[] names, int d,
      long[] reading) {
    reading[3 * d] = count(first(map, names[0]));
    reading[3 * d + 1] = count(first(map, names[1]));
    return reading[3 * d + 1] != ABSENT;
  }

  private static long after(long nowNanos, long nanos) {
    return nanos == ABSENT ? ABSENT : nowNanos + nanos;
  }

  private static String first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? null : values.get(0).trim();
  }

  private static long count(String value) {
    if (value == null || value.isEmpty()) {
      return ABSENT;
    }
    try {
      long n = Long.parseLong(value);
      return n < 0 ? ABSENT : n;
    } catch (NumberFormatException e) {
      return ABSENT;
    }
  }

  /**
   * A Go duration ({@code 1h2m3.5s}, {@code 6m0s}, {@code 20ms}, {@code 0}) in nanoseconds,
   * rounded up; {@link #ABSENT} if it does not parse.
   */
  static long goDuration(String value) {
    if (value == null || value.isEmpty()) {
      return ABSENT;
    }
    if (value.equals("0")) {
      return 0;
    }
    double nanos = 0;
    int i = 0;
    int n = value.length();
    while (i < n) {
      int start = i;
      while (i < n && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < n && !Character.isDigit(value.charAt(i)) && value.charAt(i) != '.') {
        i++;
      }
      double unit = unitNanos(value.substring(unitStart, i));
      if (start == unitStart || unit < 0) {
        return ABSENT;
      }
      try {
        nanos += Double.parseDouble(value.substring(start, unitStart)) * unit;
      } catch (NumberFormatException e) {
        return ABSENT;
      }
    }
    return (long) Math.ceil(nanos);
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "h":
        return 3_600e9;
      case "m":
        return 60e9;
      case "s":
        return 1e9;
      case "ms":
        return 1e6;
      case "us":
      case "\u00b5s": // micro sign
      case "\u03bcs": // Greek mu
        return 1e3;
      case "ns":
        return 1;
      default:
        return -1;
    }
  }

  /** An RFC 3339 time ({@code 2026-01-01T00:00:30Z}, offsets and fractions too), or {@code null}. */
  static Instant rfc3339(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
