package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI Chat Completions chunks: {@code choices[0].delta.content} pieces (and compatible servers'
 * {@code reasoning_content} or {@code reasoning} pieces, apart), a {@code finish_reason},
 * usage in a last chunk with no choices, then {@code data: [DONE]}. An {@code error} object in a
 * chunk is an in-band error. Chunks are read with {@link OpenAiFields}, not into trees: a stream is
 * mostly chunks, and a tree per chunk was most of a stream's CPU. Internal: not part of the API.
 */
final class OpenAiStreamAssembler extends StreamAssembler {

  @Override
  public String onEvent(String type, byte[] data, int length) {
    if (isDone(data, length)) {
      done = true;
      return null;
    }
    OpenAiFields chunk;
    try {
      chunk = OpenAiFields.read(data, length, "delta");
    } catch (IOException e) {
      throw unreadable(data, length);
    }
    if (chunk.error) {
      throw new StreamFailure(ErrorClassifier.classifyInBandError(
          new String(data, 0, length, StandardCharsets.UTF_8)));
    }
    model = chunk.model != null ? chunk.model : model;
    inputTokens = chunk.promptTokens >= 0 ? chunk.promptTokens : inputTokens;
    outputTokens = chunk.completionTokens >= 0 ? chunk.completionTokens : outputTokens;
    if (chunk.promptTokens >= 0 || chunk.completionTokens >= 0) { // the usage chunk
      cachedInputTokens = chunk.cachedTokens;
      reasoningTokens = chunk.reasoningTokens;
    }
    rawFinish = chunk.finishReason != null ? chunk.finishReason : rawFinish;
    toolCall |= chunk.toolCall;
    if (chunk.toolCalls != null) {
      toolCalls.addAll(chunk.toolCalls); // fragments, assembled by index; never text
    }
    if (chunk.refusal != null && !chunk.refusal.isEmpty()) {
      refusal.append(chunk.refusal);
    }
    reasoning(chunk.reasoning);
    String text = chunk.content == null || chunk.content.isEmpty() ? null : chunk.content;
    content |= text != null || refusal.length() > 0 || chunk.toolCall || chunk.reasoning != null;
    return text;
  }

  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private static boolean isDone(byte[] data, int length) {
    return length == DONE.length && java.util.Arrays.equals(data, 0, length, DONE, 0, length);
  }
}
