package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.Usage;
import java.util.Objects;

/**
 * What a provider's 2xx body says, before the pipeline adds the call's history to make an
 * {@link dev.llmcall.runtime.LlmResponse}. Internal: not part of the API.
 *
 * @param refusal the model's refusal text, or {@code null}
 */
public record Completion(
    String text, String model, FinishReason finishReason, Usage usage, String refusal) {
  public Completion {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(finishReason, "finishReason == null");
    Objects.requireNonNull(usage, "usage == null");
  }

  /** Whether output was withheld or refused: a result for some return types, a failure for others. */
  public boolean filtered() {
    return finishReason == FinishReason.CONTENT_FILTER || refusal != null;
  }
}
