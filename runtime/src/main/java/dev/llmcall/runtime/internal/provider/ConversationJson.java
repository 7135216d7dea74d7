package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A conversation as llmcall's own JSON, the same for every provider, to keep it between requests:
 * {@code [{"role":"user","text":"...","images":[...]}, {"role":"assistant","text":"",
 * "toolCalls":[...],"thinking":[...]}, {"role":"tool","toolCallId":"...","text":"...",
 * "error":true}]}. Only the members a message has are written. Internal: not part of the API.
 */
public final class ConversationJson {
  private ConversationJson() {}

  public static String write(List<ChatMessage> messages) {
    return new String(Json.write(g -> {
      g.writeStartArray();
      for (ChatMessage m : messages) {
        message(g, m);
      }
      g.writeEndArray();
    }), StandardCharsets.UTF_8);
  }

  private static void message(JsonGenerator g, ChatMessage m) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", m.role().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("text", m.text());
    if (!m.images().isEmpty()) {
      g.writeArrayFieldStart("images");
      for (Image i : m.images()) {
        g.writeStartObject();
        if (i.url() != null) {
          g.writeStringField("url", i.url().toString());
        } else {
          g.writeStringField("mediaType", i.mediaType());
          g.writeStringField("data", i.base64());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!m.toolCalls().isEmpty()) {
      g.writeArrayFieldStart("toolCalls");
      for (ToolCall c : m.toolCalls()) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("arguments", c.arguments());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!m.thinking().isEmpty()) {
      g.writeArrayFieldStart("thinking");
      for (ThinkingBlock t : m.thinking()) {
        g.writeStartObject();
        if (t.isRedacted()) {
          g.writeStringField("redactedData", t.redactedData());
        } else {
          g.writeStringField("thinking", t.thinking());
          if (t.signature() != null) {
            g.writeStringField("signature", t.signature());
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (m.toolCallId() != null) {
      g.writeStringField("toolCallId", m.toolCallId());
      if (m.isError()) {
        g.writeBooleanField("error", true);
      }
    }
    g.writeEndObject();
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when the text is not such a conversation
   */
  public static List<ChatMessage> read(String json) {
    JsonNode root;
    try {
      root = Json.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("a conversation must be JSON", e);
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("a conversation is a JSON array of messages");
    }
    List<ChatMessage> messages = new ArrayList<>(root.size());
    for (JsonNode m : root) {
      messages.add(message(m, messages.size()));
    }
    return messages;
  }

  private static ChatMessage message(JsonNode m, int index) {
    String role = Json.text(m, "role");
    String text = Json.text(m, "text");
    if (role == null || text == null) {
      throw new IllegalArgumentException("message " + index + " has no role or text");
    }
    switch (role) {
      case "system":
        return ChatMessage.system(text);
      case "user":
        List<Image> images = new ArrayList<>();
        for (JsonNode i : m.path("images")) {
          String url = Json.text(i, "url");
          images.add(url != null ? Image.of(URI.create(url))
              : Image.of(Base64.getDecoder().decode(required(i, "data", index)),
                  required(i, "mediaType", index)));
        }
        return ChatMessage.user(text, images);
      case "assistant":
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : m.path("toolCalls")) {
          calls.add(new ToolCall(required(c, "id", index), required(c, "name", index),
              required(c, "arguments", index)));
        }
        List<ThinkingBlock> thinking = new ArrayList<>();
        for (JsonNode t : m.path("thinking")) {
          String redacted = Json.text(t, "redactedData");
          thinking.add(redacted != null ? ThinkingBlock.redacted(redacted)
              : ThinkingBlock.of(required(t, "thinking", index), Json.text(t, "signature")));
        }
        return ChatMessage.assistant(text, calls, thinking);
      case "tool":
        return ChatMessage.toolResult(required(m, "toolCallId", index), text,
            m.path("error").asBoolean(false));
      default:
        throw new IllegalArgumentException("message " + index + " has an unknown role: " + role);
    }
  }

  private static String required(JsonNode node, String field, int index) {
    String value = Json.text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("message " + index + " lacks " + field);
    }
    return value;
  }
}
