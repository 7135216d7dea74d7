package dev.llmcall.runtime.internal.failure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What one error body said. {@code status} is 0 for an in-band error; {@code note} describes the
 * body when it has no message.
 */
record ErrorBody(
    int status, String code, String type, String message, JsonNode error, String note) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
  /** How much of a body is read for rules and details: enough for any real error message. */
  private static final int MAX_SCAN = 4_000;

  static ErrorBody noted(int status, String note) {
    return new ErrorBody(status, null, null, null, MissingNode.getInstance(), note);
  }

  String lowerCode() {
    return code == null ? "" : code.toLowerCase(Locale.ROOT);
  }

  String lowerType() {
    return type == null ? "" : type.toLowerCase(Locale.ROOT);
  }

  String innerCode() {
    return text(error.path("innererror").path("code"));
  }

  boolean hasModerationReasons() {
    JsonNode reasons = error.path("metadata").path("reasons");
    return !reasons.isMissingNode() && !reasons.isNull();
  }

  boolean statusIn(int... statuses) {
    return IntStream.of(statuses).anyMatch(s -> s == status);
  }

  boolean isClientError() {
    return status == 0 || (status >= 400 && status < 500);
  }

  boolean codeOrTypeIn(Set<String> values) {
    return values.contains(lowerCode()) || values.contains(lowerType());
  }

  /** Whether the message matches {@code pattern}, which needs one of {@code words} to. */
  boolean messageHas(Pattern pattern, List<String> words) {
    return message != null && containsAny(message.toLowerCase(Locale.ROOT), words)
        && pattern.matcher(message).find();
  }

  String providerCode() {
    return code != null ? code : type;
  }

  static ErrorBody ofHttp(int status, String body) {
    String text = body == null ? "" : body.strip();
    String http = "HTTP " + status;
    if (text.isEmpty()) {
      return noted(status, http + " with an empty body");
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      JsonNode root = readJson(text);
      return root == null
          ? noted(status, http + " with a malformed JSON body")
          : ofJson(status, root, http + " with no error message in its JSON body");
    }
    if (text.startsWith("<")) {
      return noted(status, http + " with a non-JSON body" + htmlTitle(text));
    }
    return new ErrorBody(status, null, null, head(text), MissingNode.getInstance(), http);
  }

  /**
   * Finds the error in any of the known shapes: {@code {"error":{...}}} (OpenAI, Anthropic,
   * OpenRouter, Azure), {@code {"response":{"error":{...}}}}, {@code {"code":..,"error":"text"}}
   * (xAI, Ollama), a flat {@code {"message":..,"type":..,"code":..}} (vLLM), or an array of one.
   */
  static ErrorBody ofJson(int status, JsonNode root, String note) {
    JsonNode node = root.isArray() ? root.path(0) : root;
    if (!node.isObject()) {
      return noted(status, note);
    }
    JsonNode error = node.path("error").isObject() ? node.path("error")
        : node.path("response").path("error");
    if (error.isObject()) {
      return new ErrorBody(status, text(error.path("code")), text(error.path("type")),
          firstText(error.path("message"), error.path("error")), error, note);
    }
    String type = text(node.path("type")); // Anthropic's and OpenAI's envelope say "error"
    return new ErrorBody(status, text(node.path("code")), "error".equals(type) ? null : type,
        firstText(node.path("error"), node.path("message"), node.path("detail")), node, note);
  }

  static JsonNode readJson(String text) {
    try {
      return text.isEmpty() ? null : JSON.readTree(text);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** The text of a scalar node, or null for a missing, null, blank or structured node. */
  static String text(JsonNode node) {
    String s = node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
    return s.isEmpty() ? null : head(s);
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (text(node) != null) {
        return text(node);
      }
    }
    return null;
  }

  /** " (an HTML page: its title)", never the page itself. */
  private static String htmlTitle(String html) {
    Matcher m = HTML_TITLE.matcher(head(html));
    String title = m.find() ? ErrorClassifier.collapse(m.group(1).replaceAll("<[^>]*>", "")) : "";
    if (title.length() > 100) {
      title = title.substring(0, 100) + "\u2026";
    }
    return title.isEmpty() ? " (an HTML page)" : " (an HTML page: " + title + ")";
  }

  static String head(String s) {
    return s.length() > MAX_SCAN ? s.substring(0, MAX_SCAN) : s;
  }

  static boolean containsAny(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
