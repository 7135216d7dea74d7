package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(model = "gpt-4o-mini")
public interface MissingProvider {
  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text);
}
