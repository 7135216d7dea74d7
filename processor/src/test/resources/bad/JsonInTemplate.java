package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface JsonInTemplate {
  @LlmCall(
      prompt = "Who wrote {text}? Reply as {\"name\": \"...\", \"born\": {\"year\": 1}}")
  String author(String text);
}
