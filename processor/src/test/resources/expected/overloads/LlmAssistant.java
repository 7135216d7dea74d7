package com.example;

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
  private static final CallSite SUMMARIZE = CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini");

  private static final CallSite SUMMARIZE_2 = CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini");

  private static final CallSite SUMMARIZE_3 = CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini");

  private final BoundCall summarize;

  private final BoundCall summarize2;

  private final BoundCall summarize3;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
    this.summarize2 = runtime.bind(SUMMARIZE_2);
    this.summarize3 = runtime.bind(SUMMARIZE_3);
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
  public String summarize(String text, int words) {
    Objects.requireNonNull(text, "text == null");
    return this.summarize2.text(null, "Summarize in " + words + " words: " + text);
  }

  @Override
  public String summarize(String text, String language) {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    return this.summarize3.text(null, "Summarize in " + language + ": " + text);
  }
}
