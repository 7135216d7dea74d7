package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.stream.Stream;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface StructuredStream {
  record Person(String name) {}

  @LlmCall(prompt = "Everyone in: {text}")
  Stream<Person> everyone(String text);
}
