package com.example;

import dev.llmcall.annotations.LlmCall;

public interface Assistant {

  @LlmCall(provider = "openai", model = "gpt-4o-mini", prompt = "Summarize: {text}")
  String summarize(String text);
}
