package dev.llmcall.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CallEvent;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ModelPrice;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.Target;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user sees in Micrometer after a stream, an async retry and an open breaker (#14). */
class LlmcallMetricsTest {
  private FakeLlmServer server;
  private VirtualScheduler time;
  private SimpleMeterRegistry registry;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    registry = new SimpleMeterRegistry();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-metrics").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)))
        .circuitBreaker("openai", CircuitBreakerConfig.builder().failureThreshold(1).build())
        .build();
    LlmcallMetrics.bind(runtime, registry);
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call(String policy) {
    return runtime.bind(CallSite.of("Assistant.ask", "openai", "gpt-4o-mini").retryPolicy(policy));
  }

  private Timer duration(String... tags) {
    return registry.get(GenAi.OPERATION_DURATION).tags("gen_ai.operation.name", "chat",
        "gen_ai.provider.name", "openai", "gen_ai.system", "openai",
        "gen_ai.request.model", "gpt-4o-mini", "llmcall.method", "Assistant.ask").tags(tags).timer();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void everyMeterOfANameHasTheSameTagKeysAsPrometheusNeeds() {
    server.enqueue(FakeReply.text("ok")).enqueue(FakeReply.status(400));
    call("none").text(null, "fine");
    assertThrows(LlmException.class, () -> call("none").text(null, "bad"));
    for (String name : new String[] {GenAi.OPERATION_DURATION, GenAi.TOKEN_USAGE}) {
      java.util.Set<java.util.List<String>> keySets = new java.util.HashSet<>();
      registry.find(name).meters().forEach(m -> keySets.add(
          m.getId().getTags().stream().map(io.micrometer.core.instrument.Tag::getKey).sorted().toList()));
      assertEquals(1, keySets.size(), name + ": " + keySets);
    }
    assertEquals(2, registry.find(GenAi.OPERATION_DURATION).timers().size());
  }

  @Test
  void costCountsEveryAttemptAtThePriceTable() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-metrics").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .price("gpt-4o-mini", ModelPrice.perMillion("1", "2"))
        .build();
    LlmcallMetrics.bind(runtime, registry);
    server.enqueue(FakeReply.text("ok").usage(1_000_000, 500_000));
    call("none").text(null, "hi");
    // 1 M input tokens at $1 and 0.5 M output tokens at $2 per million
    assertEquals(2.0, registry.get(LlmcallMetrics.COST).counter().count(), 1e-9);
  }

  @Test
  void aStreamRecordsItsDurationTokensAndTimeToFirstToken() {
    server.enqueue(FakeReply.stream("Hello", " world").usage(11, 2).model("gpt-4o-mini-2024-07-18"));
    assertEquals("Hello world", call("none").textStream(null, "hi").reduce("", String::concat));

    Timer d = duration("gen_ai.response.model", "gpt-4o-mini-2024-07-18", "error.type", "none");
    assertEquals(1, d.count());
    DistributionSummary input = registry.get(GenAi.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary();
    DistributionSummary output = registry.get(GenAi.TOKEN_USAGE).tag("gen_ai.token.type", "output").summary();
    assertEquals(11, input.totalAmount());
    assertEquals(2, output.totalAmount());
    assertEquals(1, registry.get(LlmcallMetrics.TIME_TO_FIRST_TOKEN).timer().count());
    assertEquals(1, counter(LlmcallMetrics.ATTEMPTS, "outcome", "success"));
  }

  @Test
  void anAsyncCallWithARetryCountsTheRetryByCategoryAndWaitSource() throws Exception {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok").usage(3, 1));
    CompletableFuture<String> f = call("default").textAsync(null, "hi");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      while (!f.isDone()) {
        time.advance(Duration.ofSeconds(1));
        Thread.sleep(5);
      }
    });
    assertEquals("ok", f.get());

    assertEquals(1, counter(LlmcallMetrics.RETRIES, "error.type", "server_error",
        "llmcall.wait.source", "backoff"));
    assertEquals(1, counter(LlmcallMetrics.ATTEMPTS, "outcome", "server_error"));
    assertEquals(1, counter(LlmcallMetrics.ATTEMPTS, "outcome", "success"));
    Timer d = duration("error.type", "none");
    assertEquals(1, d.count());
    assertTrue(d.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) >= time.waits().get(0).toMillis(),
        "the wait is part of the call's duration");
  }

  @Test
  void aCallRejectedByAnOpenBreakerIsACircuitOpenErrorAndTheBreakerIsWatched() {
    server.enqueue(FakeReply.status(503));
    BoundCall guarded = runtime.bind(CallSite.of("Assistant.ask", "openai", "gpt-4o-mini")
        .retryPolicy("none").circuitBreaker("openai")); // the breaker is made after the bind
    assertThrows(LlmException.class, () -> guarded.text(null, "opens it"));
    assertThrows(LlmException.class, () -> guarded.text(null, "rejected"));

    assertEquals(1, duration("error.type", "server_error", "gen_ai.response.model", "none").count());
    assertEquals(1, duration("error.type", "circuit_open", "gen_ai.response.model", "none").count());
    assertEquals(1, counter(LlmcallMetrics.BREAKER_TRANSITIONS, "llmcall.circuit_breaker", "openai",
        "from", "closed", "to", "open"));
    assertEquals(1, registry.get(LlmcallMetrics.BREAKER_STATE).tags("llmcall.circuit_breaker", "openai",
        "state", "open").gauge().value());
    assertEquals(0, registry.get(LlmcallMetrics.BREAKER_STATE).tags("llmcall.circuit_breaker", "openai",
        "state", "closed").gauge().value());
    assertEquals(1, server.requestCount(), "the rejected call sent nothing");
  }

  /** #13: with a fallback chain, each attempt counts for its own target, the call for the one that answered. */
  @Test
  void aFallbackChainIsCountedPerTarget() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-metrics").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("sk-ant-metrics").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(time)
        .build();
    LlmcallMetrics.bind(runtime, registry);
    server.enqueue(FakeReply.error(429, "insufficient_quota", "You exceeded your current quota"))
        .enqueue(FakeReply.text("ok"));
    runtime.bind(CallSite.of("Assistant.ask", "openai", "gpt-4o-mini").circuitBreaker("openai")
        .fallback(CallSite.Fallback.of("ask", Target.of("anthropic", "claude-sonnet-4-5"))))
        .text(null, "hi");

    assertEquals(1, counter(LlmcallMetrics.ATTEMPTS, "outcome", "rate_limit",
        "gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o-mini"));
    assertEquals(1, counter(LlmcallMetrics.ATTEMPTS, "outcome", "success",
        "gen_ai.provider.name", "anthropic", "gen_ai.request.model", "claude-sonnet-4-5"));
    assertEquals(1, counter(LlmcallMetrics.RETRIES, "error.type", "rate_limit",
        "llmcall.wait.source", "fallback"));
    assertEquals(1, registry.get(GenAi.OPERATION_DURATION).tags("gen_ai.provider.name", "anthropic",
        "gen_ai.request.model", "claude-sonnet-4-5", "error.type", "none").timer().count());
    // the fallback target's own breaker, made when the call moved to it, is watched too
    assertEquals(1, registry.get(LlmcallMetrics.BREAKER_STATE)
        .tags(LlmcallMetrics.BREAKER, "anthropic", "state", "closed").gauge().value());
  }

  @Test
  void shapingWaitsAndRejectionsAreCounted() {
    server.enqueue(FakeReply.text("ok").header("x-ratelimit-limit-requests", "1")
        .header("x-ratelimit-remaining-requests", "0").header("x-ratelimit-reset-requests", "20s"));
    call("none").text(null, "first");
    call("none").text(null, "waits 20 s");
    assertEquals(1, registry.get(LlmcallMetrics.SHAPING_WAITS).functionCounter().count());
    assertEquals(0, registry.get(LlmcallMetrics.SHAPING_REJECTIONS).functionCounter().count());
  }

  @Test
  void hedgesAreCountedAndTheirLosersAreNoRetries() {
    assertEquals(0, registry.get(LlmcallMetrics.HEDGES).functionCounter().count());
    assertEquals(0, registry.get(LlmcallMetrics.HEDGES_WON).functionCounter().count());
    Attempt lost = new Attempt(1, ErrorCategory.TIMEOUT, 0, Duration.ofSeconds(2), Duration.ZERO,
        Attempt.WaitSource.HEDGE, null, "openai", "gpt-4o-mini");
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    LlmcallMetrics.bind(runtime, own).onAttemptEnded(new CallEvent.AttemptEnded(
        new CallEvent.Call("A.b", "openai", "gpt-4o-mini", "id", null), lost));
    assertEquals(1, own.get(LlmcallMetrics.ATTEMPTS).tags("outcome", "timeout").counter().count());
    assertTrue(own.find(LlmcallMetrics.RETRIES).counters().isEmpty(), "a lost race is no retry");
  }
}
