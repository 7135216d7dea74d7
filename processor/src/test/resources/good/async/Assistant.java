package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmResponse;
import java.util.concurrent.CompletableFuture;

@LlmClient(provider = "xai", model = "grok-4")
public interface Assistant {

  @LlmCall(prompt = "Summarize: {text}")
  CompletableFuture<String> summarizeAsync(String text);

  @LlmCall(prompt = "Summarize: {text}", temperature = 1)
  CompletableFuture<LlmResponse<String>> summarizeWithUsage(String text);
}
