package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(model = "gpt-4o-mini")
public interface InvalidProvider {
  @LlmCall(prompt = "Summarize: {text}",
      provider = "open ai")
  String summarize(String text);
}
