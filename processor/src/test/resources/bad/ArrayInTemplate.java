package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ArrayInTemplate {
  @LlmCall(prompt = "Summarize: {texts}")
  String summarize(
      String[] texts);
}
