package dev.llmcall.runtime.internal.failure;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asked us to wait from the {@code retry-after-ms} and
 * {@code retry-after} response headers; never from prose in the body.
 */
public final class RetryAfter {
  /** A plain decimal number: no {@code NaN}, {@code Infinity}, hex or Java type suffixes. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private RetryAfter() {}

  /**
   * The wait the headers ask for, or {@code null} when there is no usable hint. In order:
   * {@code retry-after-ms} as (fractional) milliseconds; {@code retry-after} as (fractional)
   * seconds; {@code retry-after} as an RFC 1123 HTTP-date, relative to {@code clock}. Negative,
   * non-finite or unparseable values, and dates in the past, give no hint.
   */
  public static Duration parse(HttpHeaders headers, Clock clock) {
    if (headers == null) {
      return null;
    }
    Duration millis = header(headers, "retry-after-ms").map(v -> fromNumber(v, 1e6)).orElse(null);
    if (millis != null) {
      return millis;
    }
    Optional<String> retryAfter = header(headers, "retry-after");
    if (retryAfter.isEmpty()) {
      return null;
    }
    Duration seconds = fromNumber(retryAfter.get(), 1e9);
    return seconds != null ? seconds : fromHttpDate(retryAfter.get(), clock);
  }

  private static Optional<String> header(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** A number of units, each {@code nanosPerUnit} long; huge values saturate at ~292 years. */
  private static Duration fromNumber(String value, double nanosPerUnit) {
    if (!DECIMAL.matcher(value).matches()) {
      return null;
    }
    double units = Double.parseDouble(value);
    if (!Double.isFinite(units) || units < 0) {
      return null;
    }
    return Duration.ofNanos(Math.round(units * nanosPerUnit));
  }

  private static Duration fromHttpDate(String value, Clock clock) {
    Instant at;
    try {
      at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    Instant now = (clock == null ? Clock.systemUTC() : clock).instant();
    Duration wait = Duration.between(now, at);
    return wait.isNegative() ? null : wait;
  }
}
