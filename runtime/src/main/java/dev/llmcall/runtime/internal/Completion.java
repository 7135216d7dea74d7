package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.Usage;
import java.util.Objects;

/**
 * What a provider's 2xx body says, before the pipeline adds the call's history to make an
 * {@link dev.llmcall.runtime.LlmResponse}. Internal: not part of the API.
 */
public record Completion(String text, String model, FinishReason finishReason, Usage usage) {
  public Completion {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(finishReason, "finishReason == null");
    Objects.requireNonNull(usage, "usage == null");
  }
}
