package dev.llmcall.example;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.runtime.LlmResponse;
import java.util.concurrent.CompletableFuture;

/** An assistant on OpenAI; llmcall's processor writes {@code LlmAssistant} from it. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {

  @LlmCall(system = "Answer in one sentence.", prompt = "Summarize: {text}")
  @Retry(policy = "high-availability")
  @CircuitBreaker(provider = "openai")
  String summarize(String text);

  @LlmCall(prompt = "Give {count} names for a {animal}, comma-separated.", temperature = 0.7)
  LlmResponse<String> names(int count, String animal);

  @LlmCall(prompt = "Summarize: {text}")
  CompletableFuture<String> summarizeAsync(String text);
}
