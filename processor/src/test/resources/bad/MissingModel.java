package com.example;

import dev.llmcall.annotations.LlmCall;

public interface MissingModel {
  @LlmCall(prompt = "Summarize: {text}", provider = "openai")
  String summarize(String text);
}
