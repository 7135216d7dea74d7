package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface GenericRecord {
  record Box<T>(T value) {}

  record Parcel(
      String label,
      Box<String> content) {}

  @LlmCall(prompt = "The parcel in: {text}")
  Parcel parcel(String text);
}
