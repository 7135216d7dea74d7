package com.example;

import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
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
  private static final CallSite TRANSLATE = CallSite.of("Assistant.translate", "anthropic", "claude-sonnet-4-5")
      .maxTokens(300)
      .temperature(0.2);

  private final BoundCall translate;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.translate = runtime.bind(TRANSLATE);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public LlmResponse<String> translate(String text, String language) {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    return this.translate.call("You are terse.", "Translate " + text + " into " + language);
  }
}
