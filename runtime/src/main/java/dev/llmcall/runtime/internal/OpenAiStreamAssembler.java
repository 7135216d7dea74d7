package dev.llmcall.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * OpenAI Chat Completions chunks: {@code choices[0].delta.content} pieces, a {@code finish_reason},
 * usage in a last chunk with no choices, then {@code data: [DONE]}. An {@code error} object in a
 * chunk is an in-band error. Each chunk is read with Jackson's streaming parser, not into a tree:
 * a stream is mostly chunks, and a tree per chunk was most of a stream's CPU. Internal: not part
 * of the API.
 */
final class OpenAiStreamAssembler extends StreamAssembler {
  /** The content of the chunk being read, until it is returned. */
  private String content;
  private boolean error;

  @Override
  String onEvent(String type, String data) {
    if ("[DONE]".equals(data)) {
      done = true;
      return null;
    }
    content = null;
    error = false;
    try (JsonParser p = Json.parser(data)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        chunk(p);
      }
    } catch (IOException e) {
      throw unreadable(data);
    }
    if (error) {
      throw new StreamFailure(ErrorClassifier.classifyInBandError(data));
    }
    return content == null || content.isEmpty() ? null : content;
  }

  /** The chunk object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
  private void chunk(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "error":
          error = true;
          p.skipChildren();
          break;
        case "model":
          model = value == JsonToken.VALUE_STRING ? p.getText() : model;
          break;
        case "usage":
          usage(p, value);
          break;
        case "choices":
          choices(p, value);
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void usage(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("prompt_tokens")) {
        inputTokens = p.getValueAsInt(inputTokens);
      } else if (field.equals("completion_tokens")) {
        outputTokens = p.getValueAsInt(outputTokens);
      }
      p.skipChildren();
    }
  }

  /** Only the first choice counts: this runtime never asks for more than one. */
  private void choices(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    boolean first = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (first && t == JsonToken.START_OBJECT) {
        choice(p);
      } else {
        p.skipChildren();
      }
      first = false;
    }
  }

  private void choice(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
        rawFinish = p.getText();
      } else if (field.equals("delta") && value == JsonToken.START_OBJECT) {
        delta(p);
      } else {
        p.skipChildren();
      }
    }
  }

  private void delta(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "tool_calls":
        case "function_call":
          toolCall = true;
          break;
        case "refusal":
          if (value == JsonToken.VALUE_STRING) {
            refusal.append(p.getText());
          }
          break;
        case "content":
          content = value == JsonToken.VALUE_STRING ? p.getText() : content;
          break;
        default:
          break;
      }
      p.skipChildren();
    }
  }
}
