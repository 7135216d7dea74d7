package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.spi.ToolDefinition;
import java.io.IOException;

/**
 * Chat Completions' {@code messages} and {@code tools}: a user message with images is an array of
 * {@code text} and {@code image_url} parts (bytes as a {@code data:} URL), an assistant message
 * carries its {@code tool_calls}, and each tool result is a {@code tool} message. Thinking blocks
 * are Anthropic's and are not sent. Internal: not part of the API.
 */
final class OpenAiMessages {
  private OpenAiMessages() {}

  /** Writes the prompt's messages, from the system prompt to the continuation, as an array field. */
  static void write(JsonGenerator g, Prompt prompt) throws IOException {
    g.writeArrayFieldStart("messages");
    if (prompt.system() != null) {
      Json.message(g, "system", prompt.system());
    }
    for (ChatMessage m : prompt.history()) {
      message(g, m);
    }
    if (prompt.images().isEmpty()) {
      Json.message(g, "user", prompt.user());
    } else {
      message(g, prompt.userMessage());
    }
    for (ChatMessage m : prompt.after()) {
      message(g, m);
    }
    if (prompt.assistantPrefix() != null) {
      // Chat Completions has no assistant prefill: show what was said, then ask to go on.
      Json.message(g, "assistant", prompt.assistantPrefix());
      Json.message(g, "user", prompt.continueInstruction());
    }
    g.writeEndArray();
  }

  private static void message(JsonGenerator g, ChatMessage m) throws IOException {
    switch (m.role()) {
      case SYSTEM:
        Json.message(g, "system", m.text());
        return;
      case USER:
        if (m.images().isEmpty()) {
          Json.message(g, "user", m.text());
          return;
        }
        g.writeStartObject();
        g.writeStringField("role", "user");
        g.writeArrayFieldStart("content");
        if (!m.text().isEmpty()) {
          g.writeStartObject();
          g.writeStringField("type", "text");
          g.writeStringField("text", m.text());
          g.writeEndObject();
        }
        for (Image image : m.images()) {
          g.writeStartObject();
          g.writeStringField("type", "image_url");
          g.writeObjectFieldStart("image_url");
          g.writeStringField("url", image.url() != null ? image.url().toString()
              : "data:" + image.mediaType() + ";base64," + image.base64());
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        return;
      case ASSISTANT:
        g.writeStartObject();
        g.writeStringField("role", "assistant");
        if (m.text().isEmpty() && !m.toolCalls().isEmpty()) {
          g.writeNullField("content");
        } else {
          g.writeStringField("content", m.text());
        }
        if (!m.toolCalls().isEmpty()) {
          g.writeArrayFieldStart("tool_calls");
          for (ToolCall call : m.toolCalls()) {
            g.writeStartObject();
            g.writeStringField("id", call.id());
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", call.name());
            g.writeStringField("arguments", call.arguments());
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
        return;
      case TOOL:
        g.writeStartObject();
        g.writeStringField("role", "tool");
        g.writeStringField("tool_call_id", m.toolCallId());
        g.writeStringField("content", m.text());
        g.writeEndObject();
        return;
      default:
        throw new AssertionError(m.role());
    }
  }

  /** Writes {@code tools}: one {@code function} per definition. */
  static void tools(JsonGenerator g, Iterable<ToolDefinition> tools) throws IOException {
    g.writeArrayFieldStart("tools");
    for (ToolDefinition t : tools) {
      g.writeStartObject();
      g.writeStringField("type", "function");
      g.writeObjectFieldStart("function");
      g.writeStringField("name", t.name());
      g.writeStringField("description", t.description());
      g.writeFieldName("parameters");
      g.writeRawValue(t.schema());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
