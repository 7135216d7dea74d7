package dev.llmcall.spring;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

/** A client for the tests, behind the "openai" circuit breaker. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Greeter {
  @LlmCall(prompt = "Greet {name}")
  @CircuitBreaker(provider = "openai")
  String greet(String name);
}
