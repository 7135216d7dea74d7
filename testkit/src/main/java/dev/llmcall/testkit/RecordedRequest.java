package dev.llmcall.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the {@link FakeLlmServer} received it, for assertions on what a client sent.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the request target as sent: the raw path plus {@code ?query} when there is one
 * @param headers the request headers, names lower-cased, values in arrival order
 * @param body the whole request body as UTF-8 text ({@code ""} when empty)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

  /** Copies {@code headers} defensively, lower-casing the names and merging names that then clash. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((name, values) -> lower
        .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .addAll(values));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    lower.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Map.copyOf(copy);
  }

  /** The first value of header {@code name} (any case), or {@code null} when it was not sent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The body parsed as a JSON tree ({@code MissingNode} when the body is empty).
   *
   * @throws UncheckedIOException when the body is not valid JSON
   */
  public JsonNode json() {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("request body is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
