package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic Messages events: {@code message_start} (model, input tokens), {@code
 * content_block_start/delta/stop} (text deltas; a {@code tool_use} block marks a tool call),
 * {@code message_delta} (stop reason, output tokens), {@code message_stop}; {@code ping} and
 * unknown types are ignored, and {@code error} is an in-band error. Internal: not part of the API.
 */
final class AnthropicStreamAssembler extends StreamAssembler {

  @Override
  public String onEvent(String type, byte[] data, int length) {
    switch (type) {
      case "ping":
        return null;
      case "message_stop":
        done = true;
        return null;
      case "error":
        throw new StreamFailure(ErrorClassifier.classifyInBandError(
            new String(data, 0, length, StandardCharsets.UTF_8)));
      case "message_start":
      case "content_block_start":
      case "content_block_delta":
      case "message_delta":
        return apply(type, parse(data, length));
      default:
        return null; // content_block_stop and event types added after this was written
    }
  }

  private String apply(String type, JsonNode event) {
    switch (type) {
      case "message_start": {
        JsonNode message = event.path("message");
        String m = Json.text(message, "model");
        model = m == null ? model : m;
        inputTokens = message.path("usage").path("input_tokens").asInt(inputTokens);
        outputTokens = message.path("usage").path("output_tokens").asInt(outputTokens);
        return null;
      }
      case "content_block_start":
        if ("tool_use".equals(Json.text(event.path("content_block"), "type"))) {
          toolCall = true;
          content = true;
        }
        return null;
      case "content_block_delta": {
        JsonNode delta = event.path("delta");
        String deltaType = Json.text(delta, "type");
        if ("input_json_delta".equals(deltaType)) {
          toolCall = true;
        }
        String text = "text_delta".equals(deltaType) ? Json.text(delta, "text") : null;
        text = text == null || text.isEmpty() ? null : text;
        // Text, thinking, a tool call's arguments: any delta is content.
        content |= text != null || "thinking_delta".equals(deltaType)
            || "input_json_delta".equals(deltaType);
        return text;
      }
      default: { // message_delta
        String stop = Json.text(event.path("delta"), "stop_reason");
        rawFinish = stop == null ? rawFinish : stop;
        JsonNode usage = event.path("usage");
        inputTokens = usage.path("input_tokens").asInt(inputTokens);
        outputTokens = usage.path("output_tokens").asInt(outputTokens);
        return null;
      }
    }
  }

  private static JsonNode parse(byte[] data, int length) {
    try {
      return Json.parse(data, length);
    } catch (IOException e) {
      throw unreadable(data, length);
    }
  }

}
