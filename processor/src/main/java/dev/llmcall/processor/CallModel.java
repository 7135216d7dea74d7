package dev.llmcall.processor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one {@code @LlmCall} method sends, with interface defaults already applied: each setting
 * comes from the method's annotations, or from its interface's if the method left it unset.
 *
 * @param prompt the user message template
 * @param system the system prompt template, if either the method or its interface sets one
 * @param provider the provider name, if set
 * @param model the model name, if set
 * @param maxTokens the maximum output tokens, if set to anything but 0
 * @param temperature the temperature, if set to anything but NaN
 * @param repairAttempts {@code repairAttempts}, if set to anything but -1
 * @param retryPolicy the {@code @Retry} policy name of the method or its interface
 * @param retryOverrides the numeric members of that same {@code @Retry}, those set
 * @param resumeStream {@code resumeStream = true} of that same {@code @Retry}; the interface's
 *     reaches only methods that stream, so only the method's own can be misplaced
 * @param circuitBreaker the {@code @CircuitBreaker} name of the method or its interface, as
 *     written (empty means the provider)
 * @param options the model options of the method's {@code @LlmCall} that are set
 * @param maxToolRounds {@code maxToolRounds}, if set to anything but 0 (#12)
 * @param failOnToolError {@code failOnToolError}, if true (#12)
 * @param fallback the {@code @Fallback} chain of the method, or else of its interface
 * @param hedge the {@code @Hedge} of the method, or else of its interface; the interface's
 *     reaches only streaming methods with a chain, so only the method's own can be misplaced
 * @param source the method and its {@code @LlmCall} annotation
 */
record CallModel(
    Setting<PromptTemplate> prompt,
    Optional<Setting<PromptTemplate>> system,
    Optional<Setting<String>> provider,
    Optional<Setting<String>> model,
    Optional<Setting<Integer>> maxTokens,
    Optional<Setting<Double>> temperature,
    Optional<Setting<Integer>> repairAttempts,
    Optional<Setting<String>> retryPolicy,
    List<Setting<RetryOverride>> retryOverrides,
    Optional<Setting<Boolean>> resumeStream,
    Optional<Setting<String>> circuitBreaker,
    Options options,
    Optional<Setting<Integer>> maxToolRounds,
    Optional<Setting<Boolean>> failOnToolError,
    Optional<FallbackModel> fallback,
    Optional<HedgeModel> hedge,
    SourceRef source) {

  CallModel {
    Objects.requireNonNull(prompt, "prompt == null");
    Objects.requireNonNull(system, "system == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(maxTokens, "maxTokens == null");
    Objects.requireNonNull(temperature, "temperature == null");
    Objects.requireNonNull(repairAttempts, "repairAttempts == null");
    Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    retryOverrides = List.copyOf(retryOverrides);
    Objects.requireNonNull(resumeStream, "resumeStream == null");
    if (resumeStream.isPresent() && !resumeStream.get().value()) {
      throw new IllegalArgumentException("resumeStream is present only when true");
    }
    Objects.requireNonNull(circuitBreaker, "circuitBreaker == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(maxToolRounds, "maxToolRounds == null");
    if (failOnToolError.isPresent() && !failOnToolError.get().value()) {
      throw new IllegalArgumentException("failOnToolError is present only when true");
    }
    Objects.requireNonNull(fallback, "fallback == null");
    Objects.requireNonNull(hedge, "hedge == null");
    Objects.requireNonNull(source, "source == null");
    if (source.annotation() == null) {
      throw new IllegalArgumentException("source needs the @LlmCall annotation");
    }
  }

  /**
   * One numeric {@code @Retry} member that is set, such as {@code maxAttempts = 4}.
   *
   * @param member the member's name, which is also the name of its {@code RetryOverrides} wither
   * @param value an Integer, Long or Double, as the member is declared
   */
  record RetryOverride(String member, Number value) {
    RetryOverride {
      Objects.requireNonNull(member, "member == null");
      Objects.requireNonNull(value, "value == null");
    }
  }

  /**
   * The options of current models an {@code @LlmCall} may set, each present only when set.
   *
   * @param topP {@code topP}, if not NaN
   * @param stop {@code stop}, if not empty
   * @param seed {@code seed}, if not {@code Long.MIN_VALUE}
   * @param reasoningEffort {@code reasoningEffort}, if not empty
   * @param thinkingBudget {@code thinkingBudget}, if not 0
   */
  record Options(
      Optional<Setting<Double>> topP,
      Optional<Setting<List<String>>> stop,
      Optional<Setting<Long>> seed,
      Optional<Setting<String>> reasoningEffort,
      Optional<Setting<Integer>> thinkingBudget) {
    Options {
      Objects.requireNonNull(topP, "topP == null");
      Objects.requireNonNull(stop, "stop == null");
      Objects.requireNonNull(seed, "seed == null");
      Objects.requireNonNull(reasoningEffort, "reasoningEffort == null");
      Objects.requireNonNull(thinkingBudget, "thinkingBudget == null");
    }
  }

  /** The names of the parameters the prompt and system templates use. */
  Set<String> usedParameters() {
    Set<String> used = new TreeSet<>(prompt.value().placeholderNames());
    system.ifPresent(s -> used.addAll(s.value().placeholderNames()));
    return used;
  }

  /** The provider name, or empty if none is set. */
  String providerName() {
    return provider.map(Setting::value).orElse("");
  }

  /** The model name, or empty if none is set. */
  String modelName() {
    return model.map(Setting::value).orElse("");
  }

  /** The circuit breaker's name with an empty name resolved to the provider, if there is one. */
  Optional<String> circuitBreakerName() {
    return circuitBreaker.map(Setting::value).map(name -> name.isEmpty() ? providerName() : name);
  }
}
