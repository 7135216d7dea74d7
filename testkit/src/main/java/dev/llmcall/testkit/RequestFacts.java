package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the fake reads from a chat request body to fill in defaults: the model, the last user message,
 * the word count of all messages, and whether it asked for a stream. Lenient: a body that is not a chat
 * request yields empty facts.
 *
 * @param stream whether the body says {@code "stream": true}
 * @param includeUsage whether the body says {@code "stream_options": {"include_usage": true}}
 */
record RequestFacts(String model, String lastUserText, int inputWords, boolean stream,
    boolean includeUsage) {

  /** The model named when a request names none. */
  static final String DEFAULT_MODEL = "fake-model";

  static RequestFacts from(String body) {
    JsonNode root = Json.parseLenient(body);
    JsonNode model = root.path("model");
    String modelName = model.isTextual() ? model.asText() : DEFAULT_MODEL;
    int words = Json.words(Json.contentText(root.get("system")));
    String lastUser = "";
    for (JsonNode message : root.path("messages")) {
      String text = Json.contentText(message.get("content"));
      words += Json.words(text);
      if ("user".equals(message.path("role").asText())) {
        lastUser = text;
      }
    }
    return new RequestFacts(modelName, lastUser, words, root.path("stream").booleanValue(),
        root.path("stream_options").path("include_usage").booleanValue());
  }

  /** The reply a server gives when its script is empty. */
  FakeReply defaultReply() {
    return FakeReply.text("This is llmcall's fake provider. You asked: " + cut(lastUserText, 120));
  }

  /** {@code text}, or its first {@code maxCodePoints} code points and an ellipsis. */
  static String cut(String text, int maxCodePoints) {
    if (text.codePointCount(0, text.length()) <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
  }
}
