package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface MisplacedTool {
  interface Clock {
    @Tool("The time now")
    String now();

    @Tool("The time zone")
    static String zone() {
      return "UTC";
    }
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Clock clock);
}
