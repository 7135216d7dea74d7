package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcall.runtime.ThinkingBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scripted reply says beside its text, and how each wire renders it: reasoning pieces ({@link
 * FakeReply#reasoning}) or Anthropic thinking blocks ({@link FakeReply#thinking}). OpenAI-compatible
 * servers send the readable text as {@code reasoning_content} (blocks joined by a blank line, as
 * {@code LlmResponse.reasoning()} joins them); Anthropic sends {@code thinking} and {@code
 * redacted_thinking} blocks before the text, reasoning pieces as one block signed {@link
 * #SIGNATURE}. Immutable.
 *
 * @param pieces the reasoning, one streamed delta per piece; empty when blocks are scripted
 * @param blocks the thinking blocks exactly; empty when pieces are scripted
 */
record ScriptedReasoning(List<String> pieces, List<ThinkingBlock> blocks) {
  /** The signature of the one thinking block that scripted reasoning pieces make on Anthropic. */
  static final String SIGNATURE = "fake-signature";
  static final ScriptedReasoning NONE = new ScriptedReasoning(List.of(), List.of());
  private static final String SEPARATOR = "\n\n";

  ScriptedReasoning {
    pieces = List.copyOf(pieces);
    blocks = List.copyOf(blocks);
  }

  boolean isEmpty() {
    return pieces.isEmpty() && blocks.isEmpty();
  }

  /** The readable reasoning text: the pieces, or the blocks' text with a blank line between two. */
  String text() {
    if (blocks.isEmpty()) {
      return String.join("", pieces);
    }
    List<String> texts = new ArrayList<>();
    for (ThinkingBlock b : blocks) {
      if (!b.isRedacted() && !b.thinking().isEmpty()) {
        texts.add(b.thinking());
      }
    }
    return String.join(SEPARATOR, texts);
  }

  /** The blocks Anthropic sends: the scripted ones, or one signed block of the pieces. */
  List<ThinkingBlock> anthropicBlocks() {
    return !blocks.isEmpty() ? blocks
        : pieces.isEmpty() ? List.of() : List.of(ThinkingBlock.of(text(), SIGNATURE));
  }

  /** OpenAI: {@code message.reasoning_content}, when there is reasoning text. */
  void putOpenAi(ObjectNode message) {
    String text = text();
    if (!text.isEmpty()) {
      message.put("reasoning_content", text);
    }
  }

  /** Anthropic: the thinking blocks, added to a content array before the text. */
  void addAnthropic(ArrayNode content) {
    for (ThinkingBlock b : anthropicBlocks()) {
      if (b.isRedacted()) {
        content.addObject().put("type", "redacted_thinking").put("data", b.redactedData());
      } else {
        ObjectNode block = content.addObject().put("type", "thinking").put("thinking", b.thinking());
        if (b.signature() != null) {
          block.put("signature", b.signature());
        }
      }
    }
  }

  /** OpenAI stream: one {@code delta.reasoning_content} per piece (per word of scripted blocks). */
  List<ObjectNode> openAiDeltas() {
    List<ObjectNode> deltas = new ArrayList<>();
    for (String piece : blocks.isEmpty() ? pieces : StreamScript.words(text())) {
      deltas.add(Json.MAPPER.createObjectNode().put("reasoning_content", piece));
    }
    return deltas;
  }

  /**
   * Anthropic stream: per block from index 0, {@code content_block_start}, then for a readable
   * block one {@code thinking_delta} per piece (per word of a scripted block) and a {@code
   * signature_delta}, and {@code content_block_stop}; a redacted block starts with its data.
   */
  List<ObjectNode> anthropicEvents() {
    List<ObjectNode> events = new ArrayList<>();
    List<ThinkingBlock> sent = anthropicBlocks();
    for (int i = 0; i < sent.size(); i++) {
      ThinkingBlock b = sent.get(i);
      ObjectNode start = event("content_block_start", i);
      if (b.isRedacted()) {
        start.putObject("content_block").put("type", "redacted_thinking").put("data", b.redactedData());
        events.add(start);
      } else {
        start.putObject("content_block").put("type", "thinking").put("thinking", "");
        events.add(start);
        for (String piece : blocks.isEmpty() ? pieces : StreamScript.words(b.thinking())) {
          ObjectNode delta = event("content_block_delta", i);
          delta.putObject("delta").put("type", "thinking_delta").put("thinking", piece);
          events.add(delta);
        }
        if (b.signature() != null) {
          ObjectNode signature = event("content_block_delta", i);
          signature.putObject("delta").put("type", "signature_delta").put("signature", b.signature());
          events.add(signature);
        }
      }
      events.add(event("content_block_stop", i));
    }
    return events;
  }

  private static ObjectNode event(String type, int index) {
    return Json.MAPPER.createObjectNode().put("type", type).put("index", index);
  }
}
