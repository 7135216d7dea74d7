package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ToolOverload {
  interface Store {
    @Tool("Saves a text")
    void save(String text);

    @Tool("Saves a number")
    void save(int number);
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Store store);
}
