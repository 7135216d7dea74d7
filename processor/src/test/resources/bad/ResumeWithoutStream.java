package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ResumeWithoutStream {
  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "high-availability",
      resumeStream = true)
  String summarize(String text);
}
