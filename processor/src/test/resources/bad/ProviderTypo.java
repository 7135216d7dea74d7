package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(model = "claude-sonnet-4-5")
public interface ProviderTypo {
  @LlmCall(prompt = "Summarize: {text}",
      provider = "anthropc")
  String summarize(String text);
}
