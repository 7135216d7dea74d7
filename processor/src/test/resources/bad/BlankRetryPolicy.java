package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface BlankRetryPolicy {
  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = " ")
  String summarize(String text);
}
