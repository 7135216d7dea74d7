package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {

  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text);

  @LlmCall(prompt = "Summarize in {words} words: {text}")
  String summarize(String text, int words);

  @LlmCall(prompt = "Summarize in {language}: {text}")
  String summarize(String text, String language);
}
