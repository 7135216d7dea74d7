package com.example;

import dev.llmcall.annotations.LlmCall;

public abstract class CallInClass {
  @LlmCall(prompt = "Summarize: {text}", provider = "openai", model = "gpt-4o-mini")
  public abstract String summarize(String text);
}
