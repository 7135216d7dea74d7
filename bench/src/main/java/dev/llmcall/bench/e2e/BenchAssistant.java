package dev.llmcall.bench.e2e;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** The llmcall contender's interface; llmcall's processor writes {@code LlmBenchAssistant}. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface BenchAssistant {

  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "default")
  @CircuitBreaker(provider = "openai")
  String summarize(String text);

  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "default")
  @CircuitBreaker(provider = "openai")
  Stream<String> summarizeStream(String text);

  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "default")
  @CircuitBreaker(provider = "openai")
  CompletableFuture<String> summarizeAsync(String text);

  @LlmCall(prompt = "Summarize: {text}")
  @Retry(policy = "default")
  @CircuitBreaker(provider = "openai")
  Flow.Publisher<String> summarizePublisher(String text);
}
