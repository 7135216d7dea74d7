package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.ChatMessage.Role;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.spi.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Messages API's {@code system}, {@code messages} and {@code tools}, as its rules want them:
 * system messages of the history join the top-level {@code system}; a tool result is a {@code
 * tool_result} block of a {@code user} message; consecutive messages of one role are merged into
 * one; thinking blocks go back first and unchanged; images are {@code image} blocks before the
 * text; no empty text block is sent. Internal: not part of the API.
 */
final class AnthropicMessages {
  private AnthropicMessages() {}

  /** Writes {@code system} (when there is one) and {@code messages}. */
  static void write(JsonGenerator g, Prompt prompt) throws IOException {
    String system = system(prompt);
    if (system != null) {
      g.writeStringField("system", system);
    }
    g.writeArrayFieldStart("messages");
    if (prompt.history().isEmpty() && prompt.images().isEmpty() && prompt.rounds().isEmpty()) {
      simple(g, prompt); // the common case, with no list made
    } else {
      merged(g, prompt);
    }
    g.writeEndArray();
  }

  private static String system(Prompt prompt) {
    String system = prompt.system();
    for (ChatMessage m : prompt.history()) {
      if (m.role() == Role.SYSTEM) {
        system = system == null ? m.text() : system + "\n\n" + m.text();
      }
    }
    return system;
  }

  private static void simple(JsonGenerator g, Prompt prompt) throws IOException {
    Json.message(g, "user", prompt.user());
    for (Prompt.Repair repair : prompt.repairs()) {
      Json.message(g, "assistant", repair.answer());
      Json.message(g, "user", repair.feedback());
    }
    if (prompt.assistantPrefix() != null) {
      // Prefill: the model continues this assistant turn. It may not end in white space.
      Json.message(g, "assistant", prompt.assistantPrefix().stripTrailing());
    }
  }

  private static void merged(JsonGenerator g, Prompt prompt) throws IOException {
    List<ChatMessage> after = prompt.after();
    List<ChatMessage> all = new ArrayList<>(prompt.history().size() + 2 + after.size());
    all.addAll(prompt.history());
    all.add(prompt.userMessage());
    all.addAll(after);
    if (prompt.assistantPrefix() != null) {
      all.add(ChatMessage.assistant(prompt.assistantPrefix().stripTrailing()));
    }
    String open = null;
    for (ChatMessage m : all) {
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
      if (!role.equals(open)) {
        if (open != null) {
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeArrayFieldStart("content");
        open = role;
      }
      blocks(g, m);
    }
    if (open != null) {
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void blocks(JsonGenerator g, ChatMessage m) throws IOException {
    if (m.role() == Role.TOOL) {
      g.writeStartObject();
      g.writeStringField("type", "tool_result");
      g.writeStringField("tool_use_id", m.toolCallId());
      g.writeStringField("content", m.text());
      if (m.isError()) {
        g.writeBooleanField("is_error", true);
      }
      g.writeEndObject();
      return;
    }
    for (ThinkingBlock t : m.thinking()) {
      g.writeStartObject();
      if (t.isRedacted()) {
        g.writeStringField("type", "redacted_thinking");
        g.writeStringField("data", t.redactedData());
      } else {
        g.writeStringField("type", "thinking");
        g.writeStringField("thinking", t.thinking());
        if (t.signature() != null) {
          g.writeStringField("signature", t.signature());
        }
      }
      g.writeEndObject();
    }
    for (Image image : m.images()) {
      g.writeStartObject();
      g.writeStringField("type", "image");
      g.writeObjectFieldStart("source");
      if (image.url() != null) {
        g.writeStringField("type", "url");
        g.writeStringField("url", image.url().toString());
      } else {
        g.writeStringField("type", "base64");
        g.writeStringField("media_type", image.mediaType());
        g.writeStringField("data", image.base64());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    if (!m.text().isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", m.text());
      g.writeEndObject();
    }
    for (ToolCall call : m.toolCalls()) {
      g.writeStartObject();
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", call.id());
      g.writeStringField("name", call.name());
      g.writeFieldName("input");
      g.writeRawValue(input(call.arguments()));
      g.writeEndObject();
    }
  }

  /**
   * A tool call's arguments as a {@code tool_use} block's {@code input}, which must be an object:
   * arguments that are not one (a streamed input cut short, which the tool loop answered with an
   * error result) go back as an empty object, so the request stays well-formed.
   */
  private static String input(String arguments) {
    try {
      JsonNode node = Json.parse(arguments.getBytes(StandardCharsets.UTF_8));
      return node != null && node.isObject() ? arguments : "{}";
    } catch (IOException e) {
      return "{}";
    }
  }

  /** Writes {@code tools}: the caller's tools, then, for a structured result, the answer tool. */
  static void tools(JsonGenerator g, Iterable<ToolDefinition> tools, String answerName,
      String answerSchema) throws IOException {
    g.writeArrayFieldStart("tools");
    if (tools != null) {
      for (ToolDefinition t : tools) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeFieldName("input_schema");
        g.writeRawValue(t.schema());
        g.writeEndObject();
      }
    }
    if (answerName != null) {
      g.writeStartObject();
      g.writeStringField("name", answerName);
      g.writeStringField("description", "Give your answer by calling this tool with it.");
      g.writeFieldName("input_schema");
      g.writeRawValue(answerSchema);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
