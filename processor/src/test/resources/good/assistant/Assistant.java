package com.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.runtime.LlmResponse;
import java.util.concurrent.CompletableFuture;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {

  @LlmCall(system = "Answer in one sentence.", prompt = "Summarize: {text}")
  String summarize(String text);

  @LlmCall(
      prompt = "Translate {text} into {language}",
      provider = "anthropic",
      model = "claude-sonnet-4-5",
      maxTokens = 300)
  LlmResponse<String> translate(String text, String language);

  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "high-availability")
  @CircuitBreaker
  CompletableFuture<String> summarizeAsync(String text);
}
