package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface GenericMethod {
  @LlmCall(prompt = "Summarize: {text}")
  <T> String summarize(T text);
}
