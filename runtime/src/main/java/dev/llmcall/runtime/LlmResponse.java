package dev.llmcall.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A successful call: the value the method declared, plus what the provider said about it.
 *
 * <pre>{@code
 * LlmResponse<String> r = assistant.translate("Hallo", "English");
 * log.info("{} ({} tokens, {} attempt(s), {})", r.value(), r.usage().totalTokens(), r.attempts(), r.cost());
 * }</pre>
 *
 * @param value the decoded result; for {@code LlmResponse<String>} the same as {@link #text()}
 * @param text the model's raw text output
 * @param provider the provider name the call went to, such as {@code openai}
 * @param model the model that answered, as the provider reported it
 * @param finishReason why the model stopped
 * @param usage the tokens of every attempt of the call added up, failed and repaired ones
 *     included (what was billed); each attempt's own is in {@link Attempt#usage()}
 * @param requestId the provider's request id, or {@code null} if it sent none
 * @param clientRequestId the id llmcall sent as {@code X-Client-Request-Id}, the same on every
 *     attempt of the call, so provider logs can be matched to it
 * @param history every attempt, the last one the success
 * @param refusal the model's refusal text (OpenAI's {@code refusal}), or {@code null} if it did not
 *     refuse; a refusal arrives with {@link FinishReason#STOP}, this tells it apart
 * @param cost what {@link #usage()} cost at list price, every attempt included, or {@code null}
 *     when the runtime's {@link PriceTable} has no price for the model (the one that answered, else
 *     the one asked for)
 * @param reasoning what a reasoning model said while thinking, apart from the answer (Anthropic's
 *     thinking blocks, the {@code reasoning_content} of OpenAI-compatible servers), or {@code null}
 *     when it gave none; never part of {@link #text()}
 * @param turn the messages this call adds to a conversation: the user message it sent, each tool
 *     round (the assistant's tool calls and their results), and the answer, last; append them to a
 *     history to go on
 */
public record LlmResponse<T>(
    T value,
    String text,
    String provider,
    String model,
    FinishReason finishReason,
    Usage usage,
    String requestId,
    String clientRequestId,
    List<Attempt> history,
    String refusal,
    Cost cost,
    String reasoning,
    List<ChatMessage> turn) {

  public LlmResponse {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(finishReason, "finishReason == null");
    Objects.requireNonNull(usage, "usage == null");
    history = List.copyOf(history);
    if (history.isEmpty() || !history.get(history.size() - 1).succeeded()) {
      throw new IllegalArgumentException("history must end in a successful attempt: " + history);
    }
    turn = turn == null || turn.isEmpty() ? List.of(ChatMessage.assistant(text)) : List.copyOf(turn);
  }

  /** A response with no reasoning, whose turn is its answer alone. */
  public LlmResponse(T value, String text, String provider, String model, FinishReason finishReason,
      Usage usage, String requestId, String clientRequestId, List<Attempt> history, String refusal,
      Cost cost) {
    this(value, text, provider, model, finishReason, usage, requestId, clientRequestId, history,
        refusal, cost, null, null);
  }

  /** A response whose cost is unknown. */
  public LlmResponse(T value, String text, String provider, String model, FinishReason finishReason,
      Usage usage, String requestId, String clientRequestId, List<Attempt> history, String refusal) {
    this(value, text, provider, model, finishReason, usage, requestId, clientRequestId, history,
        refusal, null, null, null);
  }

  /**
   * Whether the provider withheld output or the model refused: {@link FinishReason#CONTENT_FILTER},
   * or a {@link #refusal()}. Only {@code LlmResponse<String>} and {@link LlmStream} answers can be
   * such a result; other return types get a {@code CONTENT_FILTER} {@link LlmException} instead.
   */
  public boolean filtered() {
    return finishReason == FinishReason.CONTENT_FILTER || refusal != null;
  }

  /** This response with another value, as a structured result is decoded from the text. */
  public <R> LlmResponse<R> withValue(R newValue, FinishReason newFinish) {
    return new LlmResponse<>(newValue, text, provider, model, newFinish, usage, requestId,
        clientRequestId, history, refusal, cost, reasoning, turn);
  }

  /** The answer as a message to append to a conversation: the last of {@link #turn()}. */
  public ChatMessage message() {
    return turn.get(turn.size() - 1);
  }

  /** How many HTTP attempts the call took, at least 1. */
  public int attempts() {
    return history.size();
  }
}
