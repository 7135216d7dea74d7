package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TwoToolSets {
  interface Clock {
    @Tool("The time now")
    String now();
  }

  interface Calendar {
    @Tool("Today's date")
    String today();
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Clock clock,
      Calendar calendar);
}
