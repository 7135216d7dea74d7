package dev.llmcall.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ToolCall;
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
   * One message of a chat request, as either wire sent it.
   *
   * @param role {@code system}, {@code user}, {@code assistant} or (OpenAI) {@code tool}
   * @param text its text, the text parts joined by a space (images, tool calls and tool results
   *     have none)
   */
  public record Message(String role, String text) {}

  /**
   * The result of one tool call, as the client sent it back: an OpenAI {@code tool} message, an
   * Anthropic {@code tool_result} block.
   *
   * @param error Anthropic's {@code is_error}; OpenAI has none, so always false there
   */
  public record ToolResult(String toolCallId, String content, boolean error) {}

  /**
   * The request's {@code messages}, in order (Anthropic's top-level {@code system} is not one);
   * empty when the body is not a chat request.
   */
  public List<Message> messages() {
    return new RequestContent(this).messages();
  }

  /** The names of the tools the request offered the model, in order. */
  public List<String> tools() {
    return new RequestContent(this).tools();
  }

  /** The tool calls of the assistant messages the request sent back, in order. */
  public List<ToolCall> toolCalls() {
    return new RequestContent(this).toolCalls();
  }

  /** The tool results the request sent, in order. */
  public List<ToolResult> toolResults() {
    return new RequestContent(this).toolResults();
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
