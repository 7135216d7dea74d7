package com.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.Fallback;
import dev.llmcall.annotations.Hedge;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmStream;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
@Fallback(name = "assistant", to = @Fallback.Target(provider = "anthropic", model = "claude-haiku-4-5"))
@CircuitBreaker
public interface Assistant {

  /** Inherits the interface's chain, which moves on by default. */
  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text);

  /** Its own chain wins whole, with a larger-context target and its own rule of when to move on. */
  @LlmCall(prompt = "Read: {text}")
  @Fallback(name = "reader", to = {
      @Fallback.Target(provider = "anthropic", model = "claude-sonnet-4-5"),
      @Fallback.Target(provider = "openai", model = "gpt-4.1", largerContext = true)},
      on = {Fallback.On.SERVER_ERROR, Fallback.On.CIRCUIT_OPEN, Fallback.On.CONTEXT_LENGTH})
  String read(String text);

  /** A stream falls back before its first token, and is hedged when that token is late. */
  @LlmCall(prompt = "Tell a story about {topic}")
  @Hedge(afterMillis = 2000, percentile = 95)
  LlmStream story(String topic);
}
