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
  private static final CallSite SUMMARIZE_ASYNC = CallSite.of("Assistant.summarizeAsync", "xai", "grok-4");

  private static final CallSite SUMMARIZE_WITH_USAGE = CallSite.of("Assistant.summarizeWithUsage", "xai", "grok-4")
      .temperature(1.0);

  private final BoundCall summarizeAsync;

  private final BoundCall summarizeWithUsage;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarizeAsync = runtime.bind(SUMMARIZE_ASYNC);
    this.summarizeWithUsage = runtime.bind(SUMMARIZE_WITH_USAGE);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public CompletableFuture<String> summarizeAsync(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarizeAsync.textAsync(null, "Summarize: " + text);
  }

  @Override
  public CompletableFuture<LlmResponse<String>> summarizeWithUsage(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarizeWithUsage.callAsync(null, "Summarize: " + text);
  }
}
