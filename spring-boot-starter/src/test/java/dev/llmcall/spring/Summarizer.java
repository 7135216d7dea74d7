package dev.llmcall.spring;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import org.springframework.cache.annotation.Cacheable;

/** A client with a Spring annotation on its interface, for the proxy tests (#14). */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Summarizer {
  @Cacheable("summaries")
  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text);
}
