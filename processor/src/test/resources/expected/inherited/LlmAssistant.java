package com.example;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import java.io.IOException;
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

  private static final CallSite EXPLAIN = CallSite.of("Assistant.explain", "openai", "gpt-4o-mini");

  private static final CallSite DESCRIBE = CallSite.of("Assistant.describe", "xai", "grok-4");

  private final BoundCall summarize;

  private final BoundCall explain;

  private final BoundCall describe;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.summarize = runtime.bind(SUMMARIZE);
    this.explain = runtime.bind(EXPLAIN);
    this.describe = runtime.bind(DESCRIBE);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public String summarize(String text) throws IOException {
    Objects.requireNonNull(text, "text == null");
    return this.summarize.text(null, "Summarize: " + text);
  }

  @Override
  public String explain(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.explain.text(null, "Explain: " + topic);
  }

  @Override
  public String describe(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.describe.text(null, "Describe: " + topic);
  }
}
