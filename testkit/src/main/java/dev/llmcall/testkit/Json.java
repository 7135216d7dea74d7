package dev.llmcall.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared Jackson mapper and small tree helpers; trees only, no data binding. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses {@code text}, or returns a missing node when it is not JSON. */
  static JsonNode parseLenient(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return MAPPER.missingNode();
    }
  }

  /** The text of a message {@code content}: a string, or the {@code text} of each part of an array. */
  static String contentText(JsonNode content) {
    if (content == null) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        JsonNode text = part.get("text");
        if (text != null && text.isTextual()) {
          out.append(out.length() == 0 ? "" : " ").append(text.asText());
        }
      }
    }
    return out.toString();
  }

  /** The number of whitespace-separated words in {@code text}. */
  static int words(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }
}
