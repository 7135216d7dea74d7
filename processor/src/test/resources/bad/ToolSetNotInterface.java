package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ToolSetNotInterface {
  abstract class Clock {
    @Tool("The time now")
    abstract String now();
  }

  @LlmCall(prompt = "{question}")
  String ask(String question,
      Clock clock);
}
