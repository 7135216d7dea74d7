package dev.llmcall.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI Chat Completions chunks: {@code choices[0].delta.content} pieces, a {@code finish_reason},
 * usage in a last chunk with no choices, then {@code data: [DONE]}. An {@code error} object in a
 * chunk is an in-band error. Internal: not part of the API.
 */
final class OpenAiStreamAssembler extends StreamAssembler {

  @Override
  String onEvent(String type, String data) {
    if ("[DONE]".equals(data)) {
      done = true;
      return null;
    }
    JsonNode chunk;
    try {
      chunk = Json.parse(data.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreadable(data);
    }
    if (chunk.has("error")) {
      throw new StreamFailure(ErrorClassifier.classifyInBandError(data));
    }
    String m = Json.text(chunk, "model");
    if (m != null) {
      model = m;
    }
    JsonNode usage = chunk.path("usage");
    if (usage.isObject()) {
      inputTokens = usage.path("prompt_tokens").asInt(inputTokens);
      outputTokens = usage.path("completion_tokens").asInt(outputTokens);
    }
    JsonNode choice = chunk.path("choices").path(0);
    if (!choice.isObject()) {
      return null;
    }
    String finish = Json.text(choice, "finish_reason");
    if (finish != null) {
      rawFinish = finish;
    }
    JsonNode delta = choice.path("delta");
    if (delta.has("tool_calls") || delta.has("function_call")) {
      toolCall = true;
    }
    String refusalPiece = Json.text(delta, "refusal");
    if (refusalPiece != null) {
      refusal.append(refusalPiece);
    }
    String content = Json.text(delta, "content");
    return content == null || content.isEmpty() ? null : content;
  }
}
