package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface RepairWithoutStructure {
  @LlmCall(prompt = "Summarize: {text}",
      repairAttempts = 3)
  String summarize(String text);
}
