package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

public class Outer {

  @LlmClient(provider = "openai", model = "gpt-4o-mini")
  public interface Inner {
    @LlmCall(prompt = "Summarize: {text}")
    String summarize(String text);
  }
}
