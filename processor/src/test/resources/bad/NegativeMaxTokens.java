package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface NegativeMaxTokens {
  @LlmCall(prompt = "Summarize: {text}",
      maxTokens = -1)
  String summarize(String text);
}
