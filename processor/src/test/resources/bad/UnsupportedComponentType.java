package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface UnsupportedComponentType {
  record Person(
      String name,
      Object payload) {}

  @LlmCall(prompt = "Who is in: {text}")
  Person extract(String text);
}
