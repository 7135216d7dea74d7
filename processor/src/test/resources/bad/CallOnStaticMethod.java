package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface CallOnStaticMethod {
  @LlmCall(prompt = "Summarize: {text}")
  static String summarize(String text) {
    return text;
  }
}
