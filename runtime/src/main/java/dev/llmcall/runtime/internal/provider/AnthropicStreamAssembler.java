package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Anthropic Messages events: {@code message_start} (model, input tokens), {@code
 * content_block_start/delta/stop} (text deltas; a {@code tool_use} block and its {@code
 * input_json_delta} pieces make a tool call, never text; {@code thinking} and {@code
 * redacted_thinking} blocks are reasoning, see {@link ThinkingBlocks}),
 * {@code message_delta} (stop reason, output tokens), {@code message_stop}; {@code ping} and
 * unknown types are ignored, and {@code error} is an in-band error. Events are read in one pass of
 * Jackson's streaming parser, as OpenAI chunks are: no tree per event. Internal: not part of the
 * API.
 */
final class AnthropicStreamAssembler extends StreamAssembler {
  /** Made when the first thinking block starts: a stream without thinking never makes one. */
  private ThinkingBlocks blocks;

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
        return apply(read(data, length));
      default:
        return null; // content_block_stop and event types added after this was written
    }
  }

  private String apply(Event e) {
    model = e.model != null ? e.model : model;
    inputTokens = e.inputTokens >= 0 ? e.inputTokens : inputTokens;
    outputTokens = e.outputTokens >= 0 ? e.outputTokens : outputTokens;
    if (e.cacheRead >= 0 || e.cacheWrite >= 0) {
      cachedInputTokens = Math.max(0, e.cacheRead);
      moreInputTokens = Math.max(0, e.cacheRead) + Math.max(0, e.cacheWrite);
    }
    rawFinish = e.stopReason != null ? e.stopReason : rawFinish;
    if ("tool_use".equals(e.blockType)) {
      toolCall = true;
      content = true;
      toolCalls.add(e.index, e.blockId, e.blockName, null);
    }
    if ("input_json_delta".equals(e.deltaType)) {
      toolCall = true;
      toolCalls.add(e.index, null, null, e.partialJson); // a piece of the input; never text
    }
    think(e);
    String text = "text_delta".equals(e.deltaType) && e.deltaText != null && !e.deltaText.isEmpty()
        ? e.deltaText : null;
    // Text, thinking, a tool call's arguments: any delta is content.
    content |= text != null || "thinking_delta".equals(e.deltaType)
        || "input_json_delta".equals(e.deltaType);
    return text;
  }

  /** A thinking block's start or delta: its text is reasoning, and it is kept for the turn. */
  private void think(Event e) {
    boolean redacted = "redacted_thinking".equals(e.blockType);
    if (redacted || "thinking".equals(e.blockType)) {
      reasoning(blocks().start(e.index, e.thinking, e.signature, redacted ? e.data : null));
      content |= redacted; // no text, but the model's output all the same
    } else if ("thinking_delta".equals(e.deltaType)) {
      reasoning(blocks().thinking(e.index, e.thinking));
    } else if ("signature_delta".equals(e.deltaType)) {
      blocks().signature(e.index, e.signature);
    }
  }

  private ThinkingBlocks blocks() {
    if (blocks == null) {
      blocks = new ThinkingBlocks();
    }
    return blocks;
  }

  @Override
  protected List<ThinkingBlock> thinking() {
    return blocks == null ? List.of() : blocks.blocks();
  }

  /** What this assembler reads of one event; absent values are {@code null} or -1. */
  private static final class Event {
    String model;
    int inputTokens = -1;
    int outputTokens = -1;
    int cacheRead = -1;
    int cacheWrite = -1;
    String blockType;
    String deltaType;
    String deltaText;
    String stopReason;
    /** The block's index; a thinking block's (or delta's) thinking, signature and data. */
    int index = -1;
    String thinking;
    String signature;
    String data;
    /** A tool call's id and name, a piece of its input. */
    String blockId;
    String blockName;
    String partialJson;
  }

  private static Event read(byte[] data, int length) {
    Event e = new Event();
    try (JsonParser p = Json.parser(data, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw unreadable(data, length);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("index".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
          e.index = p.getIntValue();
          continue;
        }
        if (value != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        switch (field) {
          case "message":
            members(p, e);
            break;
          case "content_block":
          case "delta":
          case "usage":
            members(p, e, field);
            break;
          default:
            p.skipChildren();
        }
      }
    } catch (IOException ex) {
      throw unreadable(data, length);
    }
    return e;
  }

  /** The members of {@code message}: its model and its usage. */
  private static void members(JsonParser p, Event e) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("model".equals(field) && value == JsonToken.VALUE_STRING) {
        e.model = p.getText();
      } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
        members(p, e, "usage");
      } else {
        p.skipChildren();
      }
    }
  }

  /** A tool call's string members: a {@code tool_use} block's id and name, a piece of its input. */
  private static void toolCallMember(Event e, String object, String field, String text) {
    if (object.equals("content_block") && "id".equals(field)) {
      e.blockId = text;
    } else if (object.equals("content_block") && "name".equals(field)) {
      e.blockName = text;
    } else if (object.equals("delta") && "partial_json".equals(field)) {
      e.partialJson = text;
    }
  }

  /** The members of a {@code content_block}, a {@code delta} or a {@code usage} object. */
  private static void members(JsonParser p, Event e, String object) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && object.equals("usage")) {
        if ("input_tokens".equals(field)) {
          e.inputTokens = p.getIntValue();
        } else if ("output_tokens".equals(field)) {
          e.outputTokens = p.getIntValue();
        } else if ("cache_read_input_tokens".equals(field)) {
          e.cacheRead = p.getIntValue();
        } else if ("cache_creation_input_tokens".equals(field)) {
          e.cacheWrite = p.getIntValue();
        }
      } else if (value == JsonToken.VALUE_STRING) {
        String text = p.getText();
        if (object.equals("content_block") && "type".equals(field)) {
          e.blockType = text;
        } else if (object.equals("delta") && "type".equals(field)) {
          e.deltaType = text;
        } else if (object.equals("delta") && "text".equals(field)) {
          e.deltaText = text;
        } else if (object.equals("delta") && "stop_reason".equals(field)) {
          e.stopReason = text;
        } else if ("thinking".equals(field)) {
          e.thinking = text;
        } else if ("signature".equals(field)) {
          e.signature = text;
        } else if ("data".equals(field)) {
          e.data = text;
        } else {
          toolCallMember(e, object, field, text);
        }
      } else {
        p.skipChildren();
      }
    }
  }
}
