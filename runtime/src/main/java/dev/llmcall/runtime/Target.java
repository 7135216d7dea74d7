package dev.llmcall.runtime;

import java.util.Objects;

/**
 * One target of a fallback chain: a provider and a model. A chain is tried in order; see {@link
 * dev.llmcall.runtime.spi.CallSite.Fallback} for when a call moves on, and {@link
 * LlmRuntime.Builder#route} to re-route a chain by name without a rebuild.
 *
 * <pre>{@code
 * LlmRuntime.builder()
 *     .route("chat", List.of(Target.of("anthropic", "claude-sonnet-4-5"), Target.of("openai", "gpt-4o")))
 *     .build();
 * }</pre>
 *
 * @param provider the provider name, as registered on the runtime
 * @param model the model name
 * @param largerContext whether this target takes longer prompts than the ones before it: a call
 *     whose prompt was too long moves only to such a target, and only when its chain falls back on
 *     {@code CONTEXT_LENGTH}
 */
public record Target(String provider, String model, boolean largerContext) {

  public Target {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("blank provider or model: " + provider + "/" + model);
    }
  }

  /** A target without a larger context. */
  public static Target of(String provider, String model) {
    return new Target(provider, model, false);
  }

  /** This target, marked as taking longer prompts than the ones before it in its chain. */
  public Target withLargerContext() {
    return new Target(provider, model, true);
  }

  @Override
  public String toString() {
    return provider + "/" + model + (largerContext ? " (larger context)" : "");
  }
}
