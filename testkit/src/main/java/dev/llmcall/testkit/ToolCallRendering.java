package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcall.runtime.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tool calls of a {@link FakeReply} are written on each wire: OpenAI's {@code
 * message.tool_calls} and, streamed, one {@code delta.tool_calls} chunk with each call's id and
 * name and then its {@code arguments} in two pieces; Anthropic's {@code tool_use} blocks and,
 * streamed, a {@code content_block_start} per call, its input in two {@code input_json_delta}
 * pieces, and a {@code content_block_stop}. Trees only, no data binding.
 */
final class ToolCallRendering {
  private ToolCallRendering() {}

  /** Adds {@code message.tool_calls} to an OpenAI message; its content is null when it has no text. */
  static void openAiMessage(ObjectNode message, List<ToolCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    if (message.path("content").asText("").isEmpty()) {
      message.putNull("content");
    }
    ArrayNode array = message.putArray("tool_calls");
    for (ToolCall call : calls) {
      ObjectNode c = array.addObject().put("id", call.id()).put("type", "function");
      c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    }
  }

  /** The deltas of an OpenAI stream's tool calls, in order: calls by index, arguments in pieces. */
  static List<ObjectNode> openAiDeltas(List<ToolCall> calls) {
    List<ObjectNode> deltas = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      ObjectNode first = Json.MAPPER.createObjectNode();
      fragment(first, i).put("id", call.id()).put("type", "function")
          .putObject("function").put("name", call.name()).put("arguments", "");
      deltas.add(first);
      for (String piece : halves(call.arguments())) {
        ObjectNode next = Json.MAPPER.createObjectNode();
        fragment(next, i).putObject("function").put("arguments", piece);
        deltas.add(next);
      }
    }
    return deltas;
  }

  /** Puts {@code tool_calls: [{index}]} in {@code delta} and returns the fragment. */
  private static ObjectNode fragment(ObjectNode delta, int index) {
    return delta.putArray("tool_calls").addObject().put("index", index);
  }

  /** Adds a {@code tool_use} block per call to an Anthropic message's {@code content}. */
  static void anthropicBlocks(ArrayNode content, List<ToolCall> calls) {
    for (ToolCall call : calls) {
      content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
          .set("input", input(call));
    }
  }

  /** The events of an Anthropic stream's tool calls, their blocks numbered from {@code firstIndex}. */
  static List<ObjectNode> anthropicEvents(List<ToolCall> calls, int firstIndex) {
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      int index = firstIndex + i;
      ObjectNode start = event("content_block_start", index);
      start.putObject("content_block").put("type", "tool_use").put("id", call.id())
          .put("name", call.name()).putObject("input");
      events.add(start);
      for (String piece : halves(input(call).toString())) {
        ObjectNode delta = event("content_block_delta", index);
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
        events.add(delta);
      }
      events.add(event("content_block_stop", index));
    }
    return events;
  }

  private static ObjectNode event(String type, int index) {
    return Json.MAPPER.createObjectNode().put("type", type).put("index", index);
  }

  /** A call's arguments as an object; arguments that are not one are sent as they are, a string. */
  private static JsonNode input(ToolCall call) {
    JsonNode parsed = Json.parseLenient(call.arguments());
    return parsed.isObject() ? parsed : Json.MAPPER.getNodeFactory().textNode(call.arguments());
  }

  /** {@code text} in two pieces, so a client must put them together; one if it is too short. */
  private static List<String> halves(String text) {
    if (text.length() < 2) {
      return List.of(text);
    }
    int middle = text.length() / 2;
    return List.of(text.substring(0, middle), text.substring(middle));
  }
}
