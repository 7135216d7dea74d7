package com.example;

import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.nio.file.Path;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ImageMediaTypeUnused {
  @LlmCall(prompt = "What is in this picture?")
  String describe(
      @ImageInput(mediaType = "image/png") Path picture);
}
