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
 * The llmcall client for {@link Outer.Inner}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmOuter_Inner implements Outer.Inner {
  private static final CallSite SUMMARIZE = CallSite.of("Outer.Inner.summarize", "openai", "gpt-4o-mini");

  private final BoundCall summarize;

  public LlmOuter_Inner(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
  }

  public static Outer.Inner create(LlmRuntime runtime) {
    return new LlmOuter_Inner(runtime);
  }

  @Override
  public String summarize(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.summarize.text(null, "Summarize: " + text);
  }
}
