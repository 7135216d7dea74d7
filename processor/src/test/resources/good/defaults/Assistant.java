package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {

  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text);

  default String summarizeTwice(String text) {
    return summarize(summarize(text));
  }

  static String shout(String text) {
    return text.toUpperCase(java.util.Locale.ROOT);
  }
}
