package com.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.runtime.LlmStream;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

@LlmClient(provider = "anthropic", model = "claude-sonnet-4-5", system = "You tell stories.")
@Retry(policy = "high-availability", resumeStream = true)
public interface Storyteller {

  /** Resumes after a failure, as the interface's @Retry says; its own system template. */
  @LlmCall(prompt = "Tell a story about {topic}", system = "You write for {audience}.")
  Stream<String> story(String topic, String audience);

  /** Its own @Retry wins whole, so it does not resume. */
  @LlmCall(prompt = "Write a poem about {topic}")
  @Retry(policy = "cost-sensitive")
  Flow.Publisher<String> poem(String topic);

  /** Resumes, as its own @Retry says, next to a numeric override and a breaker. */
  @LlmCall(prompt = "Tell a saga about {topic}", maxTokens = 4000)
  @Retry(maxAttempts = 5, resumeStream = true)
  @CircuitBreaker(provider = "shared-llm")
  LlmStream saga(String topic);

  /** Not a stream: the interface's resumeStream does not reach it. */
  @LlmCall(prompt = "A title for a story about {topic}")
  String title(String topic);
}
