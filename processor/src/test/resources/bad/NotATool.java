package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface NotATool {
  interface Clock {
    @Tool("The time now")
    String now();

    String zone();

    default String both() {
      return now() + " " + zone();
    }
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Clock clock);
}
