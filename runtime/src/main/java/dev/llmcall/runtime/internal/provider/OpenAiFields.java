package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmcall.runtime.Usage;
import java.io.IOException;

/**
 * What llmcall reads of an OpenAI chat completion or of one of its stream chunks, found in one
 * pass of Jackson's streaming parser: no tree is built, and values nobody reads are skipped. A
 * completion's choice holds a {@code message}, a chunk's a {@code delta}; both are read the same.
 * Only the first choice counts: this runtime never asks for more. Internal: not part of the API.
 */
final class OpenAiFields {
  /** The finish reasons OpenAI sends: read as these constants, not as a new String each time. */
  private static final String[] FINISH_REASONS =
      {"stop", "length", "tool_calls", "content_filter", "function_call"};
  /**
   * The model name read last: the same one comes in every answer, and in every chunk of a
   * stream, and is then read as this string, not a new one.
   */
  private static volatile String lastModel = "";

  /** Whether the body has an {@code error} member: an error carried by a 2xx body or stream. */
  boolean error;
  String model;
  /** Token counts, or -1 when the body has no usage. */
  int promptTokens = -1;
  int completionTokens = -1;
  /** {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens_details.reasoning_tokens}. */
  int cachedTokens;
  int reasoningTokens;
  /** Whether the body has a first choice that is an object. */
  boolean choice;
  String finishReason;
  String content;
  String refusal;
  boolean toolCall;
  /** The tool calls, or their fragments in a chunk; {@code null} when there are none. */
  ToolCallParts toolCalls;
  /**
   * The reasoning text (the {@code reasoning_content} of DeepSeek, xAI's grok-3-mini and older
   * vLLM; the {@code reasoning} of OpenRouter, Ollama and newer vLLM), or {@code null}: content,
   * though never part of the answer's text. Servers that send both send the same text twice: the
   * first non-empty one counts.
   */
  String reasoning;

  private OpenAiFields() {}

  /**
   * Reads one JSON text; a text that is not an object yields no fields.
   *
   * @param message the choice's member that holds the text: {@code message} or {@code delta}
   * @throws IOException when the text is not well-formed JSON
   */
  static OpenAiFields read(byte[] json, String message) throws IOException {
    return read(json, json.length, message);
  }

  /** {@link #read(byte[], String)} over the first {@code length} bytes. */
  static OpenAiFields read(byte[] json, int length, String message) throws IOException {
    OpenAiFields f = new OpenAiFields();
    try (JsonParser p = Json.parser(json, length)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        f.root(p, message);
      }
    }
    return f;
  }

  private void root(JsonParser p, String message) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "error":
          error = true;
          break;
        case "model":
          model = value == JsonToken.VALUE_STRING ? model(p) : model;
          break;
        case "usage":
          if (value == JsonToken.START_OBJECT) {
            usage(p);
          }
          break;
        case "choices":
          if (value == JsonToken.START_ARRAY) {
            choices(p, message);
          }
          break;
        default:
          break;
      }
      p.skipChildren();
    }
  }

  private void usage(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_tokens")) {
        promptTokens = p.getIntValue();
      } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("completion_tokens")) {
        completionTokens = p.getIntValue();
      } else if (value == JsonToken.START_OBJECT
          && (field.equals("prompt_tokens_details") || field.equals("completion_tokens_details"))) {
        details(p);
        continue;
      }
      p.skipChildren();
    }
  }

  private void details(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals("cached_tokens")) {
        cachedTokens = p.getIntValue();
      } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("reasoning_tokens")) {
        reasoningTokens = p.getIntValue();
      }
      p.skipChildren();
    }
  }

  private void choices(JsonParser p, String message) throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (!choice && t == JsonToken.START_OBJECT) {
        choice = true;
        choice(p, message);
      } else {
        p.skipChildren();
      }
    }
  }

  private void choice(JsonParser p, String message) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
        finishReason = finishReason(p);
      } else if (field.equals(message) && value == JsonToken.START_OBJECT) {
        message(p);
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * Reads the {@code tool_calls} array the parser is on, each element a whole call (a message's)
   * or a fragment of one (a delta's: {@code index}, then {@code id} and {@code function.name}
   * first, {@code function.arguments} in pieces); whether it had an element. The parser ends on
   * the array's end.
   */
  private boolean toolCalls(JsonParser p) throws IOException {
    int position = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), position++) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      int index = position;
      String id = null;
      String[] function = new String[2]; // name, arguments
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("index") && value == JsonToken.VALUE_NUMBER_INT) {
          index = p.getIntValue();
        } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
          id = p.getText();
        } else if (field.equals("function") && value == JsonToken.START_OBJECT) {
          function(p, function);
        } else {
          p.skipChildren();
        }
      }
      if (toolCalls == null) {
        toolCalls = new ToolCallParts();
      }
      toolCalls.add(index, id, function[0], function[1]);
    }
    return position > 0;
  }

  /** A tool call's {@code function}: its name and (a piece of) its arguments. */
  private static void function(JsonParser p, String[] nameAndArguments) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("name") && value == JsonToken.VALUE_STRING) {
        nameAndArguments[0] = p.getText();
      } else if (field.equals("arguments") && value == JsonToken.VALUE_STRING) {
        nameAndArguments[1] = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }

  private void message(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "tool_calls": // some compatible servers send an empty list with every delta
          toolCall |= value == JsonToken.START_ARRAY ? toolCalls(p) : value == JsonToken.START_OBJECT;
          break;
        case "function_call":
          toolCall |= value == JsonToken.START_OBJECT;
          break;
        case "refusal":
          refusal = value == JsonToken.VALUE_STRING ? p.getText() : refusal;
          break;
        case "content":
          content = value == JsonToken.VALUE_STRING ? p.getText() : content;
          break;
        case "reasoning_content":
        case "reasoning":
          if (reasoning == null && value == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
            reasoning = p.getText();
          }
          break;
        default:
          break;
      }
      p.skipChildren();
    }
  }

  private static String model(JsonParser p) throws IOException {
    String last = lastModel;
    if (textIs(p, last)) {
      return last;
    }
    String read = p.getText();
    lastModel = read;
    return read;
  }

  private static String finishReason(JsonParser p) throws IOException {
    for (String known : FINISH_REASONS) {
      if (textIs(p, known)) {
        return known;
      }
    }
    return p.getText();
  }

  /** Whether the string value the parser is on is {@code s}; compared in place, no String made. */
  private static boolean textIs(JsonParser p, String s) throws IOException {
    int length = p.getTextLength();
    if (length != s.length()) {
      return false;
    }
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    for (int i = 0; i < length; i++) {
      if (chars[offset + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The usage this body reported, or {@link Usage#NONE}. */
  Usage usage() {
    return promptTokens < 0 && completionTokens < 0 ? Usage.NONE
        : new Usage(Math.max(0, promptTokens), Math.max(0, completionTokens), cachedTokens,
            reasoningTokens);
  }
}
