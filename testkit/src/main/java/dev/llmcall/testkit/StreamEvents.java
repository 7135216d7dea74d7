package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The server-sent events of a streamed completion, in either wire format. Trees only, no data binding. */
final class StreamEvents {

  /**
   * One server-sent event.
   *
   * @param name the {@code event:} field, or null for none (OpenAI)
   * @param data the {@code data:} field, a single line
   */
  record Event(String name, String data) {

    /** The event as sent, with an {@code id:} line when {@code id} is positive, and its blank line. */
    String wire(int id) {
      return (id > 0 ? "id: " + id + "\n" : "") + (name != null ? "event: " + name + "\n" : "")
          + "data: " + data + "\n\n";
    }
  }

  private StreamEvents() {}

  /**
   * The full, well-behaved event sequence of {@code completion}, one text (or refusal) delta per piece.
   *
   * @param includeUsage whether an OpenAI stream ends with a usage chunk (Anthropic always has usage)
   */
  static List<Event> of(WireFormat format, Completion completion, List<String> pieces,
      boolean includeUsage) {
    return format == WireFormat.ANTHROPIC
        ? anthropic(completion, pieces)
        : openAi(completion, pieces, includeUsage);
  }

  /** The in-band error event that {@link FakeReply#errorAfter} sends. */
  static Event error(WireFormat format, String type, String message) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    if (format == WireFormat.ANTHROPIC) {
      root.put("type", "error");
      root.putObject("error").put("type", type).put("message", message);
      return new Event("error", root.toString());
    }
    root.putObject("error").put("message", message).put("type", type).putNull("code");
    return new Event(null, root.toString());
  }

  private static List<Event> openAi(Completion c, List<String> pieces, boolean includeUsage) {
    long created = Instant.now().getEpochSecond();
    boolean refusal = c.refusal() != null;
    List<Event> events = new ArrayList<>();
    ObjectNode first = Json.MAPPER.createObjectNode().put("role", "assistant");
    if (refusal) {
      first.putNull("content").put("refusal", "");
    } else {
      first.put("content", "");
    }
    events.add(openAiChunk(c, created, first, null, includeUsage));
    for (ObjectNode delta : c.reasoning().openAiDeltas()) {
      events.add(openAiChunk(c, created, delta, null, includeUsage));
    }
    for (String piece : pieces) {
      ObjectNode delta = Json.MAPPER.createObjectNode().put(refusal ? "refusal" : "content", piece);
      events.add(openAiChunk(c, created, delta, null, includeUsage));
    }
    for (ObjectNode delta : ToolCallRendering.openAiDeltas(c.toolCalls())) {
      events.add(openAiChunk(c, created, delta, null, includeUsage));
    }
    events.add(openAiChunk(c, created, Json.MAPPER.createObjectNode(), c.finishReason(), includeUsage));
    if (includeUsage) {
      ObjectNode last = openAiEnvelope(c, created);
      last.putArray("choices");
      ObjectNode usage = last.putObject("usage");
      usage.put("prompt_tokens", c.inputTokens());
      usage.put("completion_tokens", c.outputTokens());
      usage.put("total_tokens", c.inputTokens() + c.outputTokens());
      events.add(new Event(null, last.toString()));
    }
    events.add(new Event(null, "[DONE]"));
    return events;
  }

  /** A chunk with one choice; with {@code include_usage}, such chunks say {@code "usage":null}. */
  private static Event openAiChunk(Completion c, long created, ObjectNode delta, String finishReason,
      boolean includeUsage) {
    ObjectNode chunk = openAiEnvelope(c, created);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return new Event(null, chunk.toString());
  }

  private static ObjectNode openAiEnvelope(Completion c, long created) {
    return Json.MAPPER.createObjectNode()
        .put("id", "chatcmpl-" + c.id())
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", c.model());
  }

  private static List<Event> anthropic(Completion c, List<String> pieces) {
    List<Event> events = new ArrayList<>();
    ObjectNode start = anthropicEvent("message_start");
    ObjectNode message = start.putObject("message");
    message.put("id", "msg_" + c.id()).put("type", "message").put("role", "assistant");
    message.put("model", c.model());
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    // Like the real API, message_start counts the first output token; message_delta has the total.
    message.putObject("usage").put("input_tokens", c.inputTokens())
        .put("output_tokens", Math.min(1, c.outputTokens()));
    events.add(event(start));
    c.reasoning().anthropicEvents().forEach(e -> events.add(event(e)));
    int index = c.reasoning().anthropicBlocks().size(); // the text block comes after the thinking
    // An answer of tool calls alone has no text block, as the real API sends it.
    boolean textBlock = !pieces.isEmpty() || c.toolCalls().isEmpty();
    if (textBlock) {
      ObjectNode blockStart = anthropicEvent("content_block_start").put("index", index);
      blockStart.putObject("content_block").put("type", "text").put("text", "");
      events.add(event(blockStart));
    }
    events.add(event(anthropicEvent("ping")));
    for (String piece : pieces) {
      ObjectNode delta = anthropicEvent("content_block_delta").put("index", index);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      events.add(event(delta));
    }
    if (textBlock) {
      events.add(event(anthropicEvent("content_block_stop").put("index", index)));
    }
    for (ObjectNode toolEvent : ToolCallRendering.anthropicEvents(c.toolCalls(),
        textBlock ? index + 1 : index)) {
      events.add(event(toolEvent));
    }
    ObjectNode messageDelta = anthropicEvent("message_delta");
    messageDelta.putObject("delta").put("stop_reason", c.finishReason()).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", c.outputTokens());
    events.add(event(messageDelta));
    events.add(event(anthropicEvent("message_stop")));
    return events;
  }

  private static ObjectNode anthropicEvent(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  /** An Anthropic event: its {@code event:} name is the {@code type} in its data. */
  private static Event event(ObjectNode data) {
    return new Event(data.get("type").asText(), data.toString());
  }
}
