package com.example;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.Target;
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
  private static final CallSite SUMMARIZE = CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini")
      .circuitBreaker("openai")
      .fallback(CallSite.Fallback.of("assistant", Target.of("anthropic", "claude-haiku-4-5")));

  private static final CallSite READ = CallSite.of("Assistant.read", "openai", "gpt-4o-mini")
      .circuitBreaker("openai")
      .fallback(CallSite.Fallback.of("reader",
          Target.of("anthropic", "claude-sonnet-4-5"),
          Target.of("openai", "gpt-4.1").withLargerContext())
          .on(CallSite.Fallback.On.SERVER_ERROR, CallSite.Fallback.On.CIRCUIT_OPEN, CallSite.Fallback.On.CONTEXT_LENGTH));

  private static final CallSite STORY = CallSite.of("Assistant.story", "openai", "gpt-4o-mini")
      .circuitBreaker("openai")
      .fallback(CallSite.Fallback.of("assistant", Target.of("anthropic", "claude-haiku-4-5")))
      .hedge(CallSite.Hedge.afterMillis(2000L).percentile(95));

  private final BoundCall summarize;

  private final BoundCall read;

  private final BoundCall story;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
    this.read = runtime.bind(READ);
    this.story = runtime.bind(STORY);
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
  public String read(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.read.text(null, "Read: " + text);
  }

  @Override
  public LlmStream story(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.story.stream(null, "Tell a story about " + topic);
  }
}
