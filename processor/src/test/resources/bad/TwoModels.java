package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Model;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TwoModels {
  @LlmCall(prompt = "{question}")
  String ask(String question, @Model String model,
      @Model String fallbackModel);
}
