package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

/** The default policy with one value overridden inline: five attempts instead of three. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
interface Patient {
  @LlmCall(prompt = "{question}")
  @Retry(policy = "default", maxAttempts = 5, initialDelayMillis = 50)
  String ask(String question);
}
