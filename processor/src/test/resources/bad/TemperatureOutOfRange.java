package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TemperatureOutOfRange {
  @LlmCall(prompt = "Summarize: {text}",
      temperature = 2.5)
  String summarize(String text);
}
