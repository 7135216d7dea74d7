package com.example;

import dev.llmcall.annotations.LlmCall;

public class NestedInPrivate {
  private static class Holder {
    interface Assistant {
      @LlmCall(prompt = "Summarize: {text}", provider = "openai", model = "gpt-4o-mini")
      String summarize(String text);
    }
  }
}
