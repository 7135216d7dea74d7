package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface GenericTool {
  interface Store {
    @Tool("Saves a value")
    <T> void save(String key);
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Store store);
}
