package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;

/** Compiles, but names a retry policy no runtime registers: creating its client must fail. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
interface Misconfigured {
  @LlmCall(prompt = "{question}")
  @Retry(policy = "no-such-policy")
  String ask(String question);
}
