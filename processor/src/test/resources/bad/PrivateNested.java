package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

public class PrivateNested {
  @LlmClient(provider = "openai", model = "gpt-4o-mini")
  private interface Assistant {
    @LlmCall(prompt = "Summarize: {text}")
    String summarize(String text);
  }
}
