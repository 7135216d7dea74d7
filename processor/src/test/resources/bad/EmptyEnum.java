package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.List;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface EmptyEnum {
  enum Nothing {}

  record Review(String text,
      List<Nothing> labels) {}

  @LlmCall(prompt = "Review {text}")
  Review review(String text);

  @LlmCall(prompt = "Label {text}")
  Nothing label(String text);
}
