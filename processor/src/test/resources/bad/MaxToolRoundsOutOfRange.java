package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface MaxToolRoundsOutOfRange {
  interface Clock {
    @Tool("The time now")
    String now();
  }

  @LlmCall(prompt = "{question}",
      maxToolRounds = -1)
  String ask(String question, Clock clock);
}
