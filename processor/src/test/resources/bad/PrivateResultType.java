package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

public class PrivateResultType {
  private record Person(String name) {}

  private enum Mood { HAPPY, SAD }

  @LlmClient(provider = "openai", model = "gpt-4o-mini")
  interface Assistant {
    @LlmCall(prompt = "Who is in: {text}")
    Person person(String text);

    @LlmCall(prompt = "How does {text} sound?")
    java.util.List<Mood> moods(String text);
  }
}
