package com.example;

import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface InvalidImageMediaType {
  @LlmCall(prompt = "What is in this document?")
  String describe(
      @ImageInput(mediaType = "application/pdf") byte[] document);
}
