package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TwoErrors {
  @LlmCall(prompt = "Summarize: {txt}")
  String summarize(String text);

  @LlmCall(prompt = "Translate: {text}")
  int translate(String text);
}
