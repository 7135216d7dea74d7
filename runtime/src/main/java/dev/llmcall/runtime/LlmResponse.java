package dev.llmcall.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A successful call: the value the method declared, plus what the provider said about it.
 *
 * <pre>{@code
 * LlmResponse<String> r = assistant.translate("Hallo", "English");
 * log.info("{} ({} tokens, {} attempt(s))", r.value(), r.usage().totalTokens(), r.attempts());
 * }</pre>
 *
 * @param value the decoded result; for {@code LlmResponse<String>} the same as {@link #text()}
 * @param text the model's raw text output
 * @param provider the provider name the call went to, such as {@code openai}
 * @param model the model that answered, as the provider reported it
 * @param finishReason why the model stopped
 * @param usage token usage
 * @param requestId the provider's request id, or {@code null} if it sent none
 * @param clientRequestId the id llmcall sent as {@code X-Client-Request-Id}, the same on every
 *     attempt of the call, so provider logs can be matched to it
 * @param history every attempt, the last one the success
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
    List<Attempt> history) {

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
  }

  /** How many HTTP attempts the call took, at least 1. */
  public int attempts() {
    return history.size();
  }
}
