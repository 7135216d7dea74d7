package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface DuplicateToolName {
  interface Store {
    @Tool("Saves a text")
    void save(String text);

    @Tool(value = "Saves a number", name = "save")
    void saveNumber(int number);
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Store store);
}
