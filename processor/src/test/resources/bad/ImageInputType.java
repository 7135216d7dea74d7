package com.example;

import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ImageInputType {
  @LlmCall(prompt = "What is in this picture?")
  String describe(
      @ImageInput String picture);
}
