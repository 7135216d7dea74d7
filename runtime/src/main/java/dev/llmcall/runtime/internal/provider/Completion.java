package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.Usage;
import java.util.List;
import java.util.Objects;

/**
 * What a provider's 2xx body says, before the pipeline adds the call's history to make an
 * {@link dev.llmcall.runtime.LlmResponse}. Internal: not part of the API.
 *
 * @param refusal the model's refusal text, or {@code null}
 * @param reasoning the model's reasoning or thinking text, never part of {@code text}; or {@code
 *     null} when it gave none
 * @param toolCalls the tools the model asked for (not a structured result's answer tool)
 * @param thinking Anthropic's thinking blocks, to be sent back unchanged
 */
public record Completion(
    String text, String model, FinishReason finishReason, Usage usage, String refusal,
    String reasoning, List<ToolCall> toolCalls, List<ThinkingBlock> thinking) {
  public Completion {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(finishReason, "finishReason == null");
    Objects.requireNonNull(usage, "usage == null");
    toolCalls = List.copyOf(toolCalls);
    thinking = List.copyOf(thinking);
  }

  /** A completion of text alone: no reasoning, tool calls or thinking blocks. */
  public Completion(String text, String model, FinishReason finishReason, Usage usage, String refusal) {
    this(text, model, finishReason, usage, refusal, null, List.of(), List.of());
  }

  /** Whether output was withheld or refused: a result for some return types, a failure for others. */
  public boolean filtered() {
    return finishReason == FinishReason.CONTENT_FILTER || refusal != null;
  }

  /** This completion, asking for {@code calls}. */
  public Completion withToolCalls(List<ToolCall> calls) {
    return new Completion(text, model, finishReason, usage, refusal, reasoning, calls, thinking);
  }

  /** The answer as a message of a conversation. */
  public ChatMessage message() {
    return toolCalls.isEmpty() && thinking.isEmpty() ? ChatMessage.assistant(text)
        : ChatMessage.assistant(text, toolCalls, thinking);
  }
}
