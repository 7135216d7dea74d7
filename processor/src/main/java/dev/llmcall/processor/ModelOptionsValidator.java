package dev.llmcall.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the options of current models on one {@code @LlmCall}: each value in range, and each
 * supported by the method's provider, as the providers document them (OpenAI takes {@code seed}
 * and {@code reasoning_effort}; Anthropic takes extended thinking, which rules out a
 * temperature and allows {@code top_p} only from 0.95 to 1). Provider-specific rules apply to the
 * built-in names only: another name is a provider registered at run time, of either wire.
 */
final class ModelOptionsValidator {
  private static final Set<String> EFFORTS = Set.of("minimal", "low", "medium", "high");
  private static final Set<String> OPENAI_WIRE = Set.of("openai", "xai");
  /** Anthropic's {@code max_tokens} when a method sets none (the runtime's default). */
  private static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
  private static final int MIN_THINKING_BUDGET = 1024;

  private ModelOptionsValidator() {}

  static void check(
      String method, CallModel call, boolean structured, ValidationReport.Builder report) {
    CallModel.Options o = call.options();
    String provider = call.providerName();
    o.topP().filter(t -> !(t.value() >= 0 && t.value() <= 1)).ifPresent(t ->
        report.error(t.source(), Messages.TOP_P_OUT_OF_RANGE, t.value(), method));
    o.stop().ifPresent(s -> stopProblem(s.value()).ifPresent(problem ->
        report.error(s.source(), Messages.INVALID_STOP, method, problem)));
    o.reasoningEffort().filter(e -> !EFFORTS.contains(e.value())).ifPresent(e ->
        report.error(e.source(), Messages.INVALID_REASONING_EFFORT, e.value(), method));
    if (provider.equals("anthropic")) {
      o.seed().ifPresent(s -> report.error(s.source(), Messages.OPTION_NOT_SUPPORTED,
          "seed", method, "anthropic", "the Messages API has no seed"));
      o.reasoningEffort().ifPresent(e -> report.error(e.source(), Messages.OPTION_NOT_SUPPORTED,
          "reasoningEffort", method, "anthropic", "use thinkingBudget for extended thinking"));
      o.thinkingBudget().ifPresent(b -> checkThinking(method, call, b.value(), b.source(), report));
      o.thinkingBudget().filter(b -> structured).ifPresent(b -> report.error(b.source(),
          Messages.THINKING_CONFLICT, "a structured result", method,
          "Anthropic gives one through a forced tool call, which extended thinking does not allow"));
    } else if (OPENAI_WIRE.contains(provider)) {
      o.thinkingBudget().ifPresent(b -> report.error(b.source(), Messages.OPTION_NOT_SUPPORTED,
          "thinkingBudget", method, provider, "use reasoningEffort for a reasoning model"));
    }
  }

  private static void checkThinking(String method, CallModel call, int budget, SourceRef source,
      ValidationReport.Builder report) {
    int maxTokens = call.maxTokens().map(Setting::value).orElse(ANTHROPIC_DEFAULT_MAX_TOKENS);
    if (budget < MIN_THINKING_BUDGET || budget >= maxTokens) {
      report.error(source, Messages.INVALID_THINKING_BUDGET, budget, method, maxTokens);
    }
    call.temperature().ifPresent(t -> report.error(t.source(), Messages.THINKING_CONFLICT,
        "temperature", method, "leave the temperature out"));
    call.options().topP().filter(t -> t.value() < 0.95).ifPresent(t -> report.error(t.source(),
        Messages.THINKING_CONFLICT, "topP = " + t.value(), method, "topP must be from 0.95 to 1"));
  }

  private static java.util.Optional<String> stopProblem(List<String> stop) {
    if (stop.size() > 4) {
      return java.util.Optional.of("has " + stop.size() + " sequences");
    }
    if (stop.stream().anyMatch(String::isEmpty)) {
      return java.util.Optional.of("has an empty sequence");
    }
    if (new HashSet<>(stop).size() != stop.size()) {
      return java.util.Optional.of("repeats a sequence");
    }
    return java.util.Optional.empty();
  }
}
