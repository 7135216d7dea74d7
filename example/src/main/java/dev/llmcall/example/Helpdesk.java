package dev.llmcall.example;

import dev.llmcall.annotations.Fallback;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.runtime.LlmResponse;

/**
 * A helpdesk on OpenAI that moves on to Anthropic when OpenAI fails: its retries spent on server
 * errors, a used-up quota, or an open circuit breaker. Needs both providers configured.
 */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Helpdesk {

  @LlmCall(system = "Answer in one sentence.", prompt = "{question}")
  @Retry(policy = "development")
  @Fallback(name = "helpdesk", to = @Fallback.Target(provider = "anthropic", model = "claude-sonnet-4-5"))
  LlmResponse<String> answer(String question);
}
