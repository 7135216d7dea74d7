package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface BlankToolDescription {
  interface Store {
    @Tool(" ")
    void save(String text);
  }

  @LlmCall(prompt = "{question}")
  String ask(String question, Store store);
}
