package com.example;

import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Assistant}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmAssistant implements Assistant {
  private static final CallSite SUMMARIZE = CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini");

  private static final CallSite TRANSLATE = CallSite.of("Assistant.translate", "anthropic", "claude-sonnet-4-5")
      .maxTokens(300);

  private static final CallSite SUMMARIZE_ASYNC = CallSite.of("Assistant.summarizeAsync", "openai", "gpt-4o-mini")
      .retryPolicy("high-availability")
      .circuitBreaker("openai");

  private final BoundCall summarize;

  private final BoundCall translate;

  private final BoundCall summarizeAsync;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
    this.translate = runtime.bind(TRANSLATE);
    this.summarizeAsync = runtime.bind(SUMMARIZE_ASYNC);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public String summarize(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarize.text("Answer in one sentence.", "Summarize: " + text);
  }

  @Override
  public LlmResponse<String> translate(String text, String language) {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    return this.translate.call(null, "Translate " + text + " into " + language);
  }

  @Override
  public CompletableFuture<String> summarizeAsync(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarizeAsync.textAsync(null, "Summarize: " + text);
  }
}
