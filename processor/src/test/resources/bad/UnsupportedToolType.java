package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface UnsupportedToolType {
  interface Store {
    @Tool("Saves a value")
    void save(String key,
        Object value);
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Store store);
}
