package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmResponse;

@LlmClient(provider = "anthropic", model = "claude-sonnet-4-5", system = "You are terse.")
public interface Assistant {

  @LlmCall(prompt = "Translate {text} into {language}", maxTokens = 300, temperature = 0.2)
  LlmResponse<String> translate(String text, String language);
}
