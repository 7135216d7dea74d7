package com.example;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.RetryOverrides;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Storyteller}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmStoryteller implements Storyteller {
  private static final CallSite STORY = CallSite.of("Storyteller.story", "anthropic", "claude-sonnet-4-5")
      .retryPolicy("high-availability")
      .resumeStream(true);

  private static final CallSite POEM = CallSite.of("Storyteller.poem", "anthropic", "claude-sonnet-4-5")
      .retryPolicy("cost-sensitive");

  private static final CallSite SAGA = CallSite.of("Storyteller.saga", "anthropic", "claude-sonnet-4-5")
      .maxTokens(4000)
      .retryPolicy("default")
      .retryOverrides(RetryOverrides.NONE.maxAttempts(5))
      .resumeStream(true)
      .circuitBreaker("shared-llm");

  private static final CallSite TITLE = CallSite.of("Storyteller.title", "anthropic", "claude-sonnet-4-5")
      .retryPolicy("high-availability");

  private final BoundCall story;

  private final BoundCall poem;

  private final BoundCall saga;

  private final BoundCall title;

  public LlmStoryteller(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.story = runtime.bind(STORY);
    this.poem = runtime.bind(POEM);
    this.saga = runtime.bind(SAGA);
    this.title = runtime.bind(TITLE);
  }

  public static Storyteller create(LlmRuntime runtime) {
    return new LlmStoryteller(runtime);
  }

  @Override
  public Stream<String> story(String topic, String audience) {
    Objects.requireNonNull(topic, "topic == null");
    Objects.requireNonNull(audience, "audience == null");
    return this.story.textStream("You write for " + audience + ".", "Tell a story about " + topic);
  }

  @Override
  public Flow.Publisher<String> poem(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.poem.publisher("You tell stories.", "Write a poem about " + topic);
  }

  @Override
  public LlmStream saga(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.saga.stream("You tell stories.", "Tell a saga about " + topic);
  }

  @Override
  public String title(String topic) {
    Objects.requireNonNull(topic, "topic == null");
    return this.title.text("You tell stories.", "A title for a story about " + topic);
  }
}
