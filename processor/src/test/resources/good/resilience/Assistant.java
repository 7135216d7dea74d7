package com.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
@Retry(policy = "cost-sensitive", maxAttempts = 4)
@CircuitBreaker
public interface Assistant {

  /**
   * Inherits both from the interface: policy cost-sensitive with 4 attempts, breaker named after
   * the provider.
   */
  @LlmCall(prompt = "Summarize: {text}", provider = "anthropic", model = "claude-haiku-4-5")
  String summarize(String text);

  /** Overrides both. */
  @LlmCall(prompt = "Classify: {text}")
  @Retry(policy = "high-availability")
  @CircuitBreaker(provider = "shared-llm")
  String classify(String text);

  /** Overrides single values of its own policy; the interface's maxAttempts does not mix in. */
  @LlmCall(prompt = "Check: {text}")
  @Retry(policy = "high-availability", initialDelayMillis = 100, multiplier = 1.5, jitter = 0.0,
      maxDelayMillis = 2_000, maxRetryAfterMillis = 10_000, timeoutMillis = 30_000)
  String check(String text);

  /** {@code @Retry} without a policy means the policy called "default". */
  @LlmCall(prompt = "Tag: {text}")
  @Retry
  String tag(String text);
}
