package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface NegativeRepairAttempts {
  record Person(String name) {}

  @LlmCall(prompt = "Who is in: {text}",
      repairAttempts = -2)
  Person extract(String text);
}
