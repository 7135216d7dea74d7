package com.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
@Retry(policy = "cost-sensitive")
@CircuitBreaker
public interface Assistant {

  /** Inherits both from the interface: policy cost-sensitive, breaker named after the provider. */
  @LlmCall(prompt = "Summarize: {text}", provider = "anthropic", model = "claude-haiku-4-5")
  String summarize(String text);

  /** Overrides both. */
  @LlmCall(prompt = "Classify: {text}")
  @Retry(policy = "high-availability")
  @CircuitBreaker(provider = "shared-llm")
  String classify(String text);

  /** {@code @Retry} without a policy means the policy called "default". */
  @LlmCall(prompt = "Tag: {text}")
  @Retry
  String tag(String text);
}
