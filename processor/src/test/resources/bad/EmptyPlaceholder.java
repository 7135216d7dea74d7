package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface EmptyPlaceholder {
  @LlmCall(prompt = "Summarize: {text}",
      system = "Reply with {}")
  String summarize(String text);
}
