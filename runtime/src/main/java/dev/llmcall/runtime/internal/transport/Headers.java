package dev.llmcall.runtime.internal.transport;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * Header look-ups made on every response. {@link HttpHeaders#firstValue} makes a stream and an
 * {@code Optional} per look-up; this reads the same value from the list. Internal: not part of
 * the API.
 */
public final class Headers {
  private Headers() {}

  /** The first value of header {@code name} (case-insensitive), or {@code null}: {@code firstValue}. */
  public static String first(HttpHeaders headers, String name) {
    List<String> values = headers.allValues(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** The first of headers {@code name} and {@code orElse} that is present, or {@code null}. */
  public static String first(HttpHeaders headers, String name, String orElse) {
    String value = first(headers, name);
    return value != null ? value : first(headers, orElse);
  }
}
