package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini", system = "You speak {language}.")
public interface UnknownSystemPlaceholder {
  @LlmCall(prompt = "Summarize: {text}", system = "Be brief.")
  String summarize(String text);

  @LlmCall(prompt = "Translate: {text}")
  String translate(String text);
}
