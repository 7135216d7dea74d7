package com.example;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.RetryOverrides;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Assistant}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmAssistant implements Assistant {
  private static final CallSite SUMMARIZE = CallSite.of("Assistant.summarize", "anthropic", "claude-haiku-4-5")
      .retryPolicy("cost-sensitive")
      .retryOverrides(RetryOverrides.NONE.maxAttempts(4))
      .circuitBreaker("anthropic");

  private static final CallSite CLASSIFY = CallSite.of("Assistant.classify", "openai", "gpt-4o-mini")
      .retryPolicy("high-availability")
      .circuitBreaker("shared-llm");

  private static final CallSite CHECK = CallSite.of("Assistant.check", "openai", "gpt-4o-mini")
      .retryPolicy("high-availability")
      .retryOverrides(RetryOverrides.NONE.initialDelayMillis(100L).multiplier(1.5).maxDelayMillis(2000L).jitter(0.0).maxRetryAfterMillis(10000L).timeoutMillis(30000L))
      .circuitBreaker("openai");

  private static final CallSite TAG = CallSite.of("Assistant.tag", "openai", "gpt-4o-mini")
      .retryPolicy("default")
      .circuitBreaker("openai");

  private final BoundCall summarize;

  private final BoundCall classify;

  private final BoundCall check;

  private final BoundCall tag;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
    this.classify = runtime.bind(CLASSIFY);
    this.check = runtime.bind(CHECK);
    this.tag = runtime.bind(TAG);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public String summarize(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarize.text(null, "Summarize: " + text);
  }

  @Override
  public String classify(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.classify.text(null, "Classify: " + text);
  }

  @Override
  public String check(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.check.text(null, "Check: " + text);
  }

  @Override
  public String tag(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.tag.text(null, "Tag: " + text);
  }
}
