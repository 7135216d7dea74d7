package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The circuit breaker inside the call pipeline: what it counts, what it rejects, who shares it. */
class CircuitBreakerPipelineTest {
  private FakeLlmServer server;
  private VirtualScheduler scheduler;
  private LlmRuntime runtime;
  private final List<String> transitions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    scheduler = new VirtualScheduler();
    runtime = runtime(CircuitBreakerConfig.builder().failureThreshold(3).build());
  }

  private LlmRuntime runtime(CircuitBreakerConfig config) {
    return LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-breaker").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(scheduler)
        .defaultRetryPolicy("none")
        .defaultCircuitBreaker(config)
        .circuitBreakerListener(t -> transitions.add(t.breaker() + ":" + t.from() + "->" + t.to()))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call(String method, String policy) {
    return runtime.bind(CallSite.of(method, "openai", "gpt-4o-mini")
        .retryPolicy(policy).circuitBreaker("openai"));
  }

  private void failTimes(BoundCall call, int n) {
    for (int i = 0; i < n; i++) {
      server.enqueue(FakeReply.status(503));
      assertThrows(LlmException.class, () -> call.call(null, "hi"));
    }
  }

  @Test
  void providerFailuresOpenItAndThenCallsAreRejectedWithoutNetwork() {
    BoundCall c = call("A.b", "none");
    failTimes(c, 3);
    assertEquals(State.OPEN, runtime.circuitBreaker("openai").state());
    int sent = server.requestCount();

    LlmException e = assertThrows(LlmException.class, () -> c.call(null, "hi"));

    assertTrue(e.circuitOpen());
    assertEquals(ErrorCategory.SERVER_ERROR, e.category());
    assertEquals(0, e.attempts());
    assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    assertEquals(sent, server.requestCount());
    assertTrue(e.getMessage().contains("circuit breaker 'openai' is OPEN"), e.getMessage());
    assertEquals(List.of("openai:CLOSED->OPEN"), transitions);
  }

  @Test
  void callersMistakesNeverOpenIt() {
    BoundCall c = call("A.b", "none");
    for (int i = 0; i < 10; i++) {
      server.enqueue(i % 2 == 0 ? FakeReply.status(400) : FakeReply.status(401));
      assertThrows(LlmException.class, () -> c.call(null, "hi"));
    }
    assertEquals(State.CLOSED, runtime.circuitBreaker("openai").state());
    assertEquals(10, server.requestCount());
  }

  @Test
  void rateLimitsCountOnlyWhenConfigured() {
    BoundCall c = call("A.b", "none");
    for (int i = 0; i < 5; i++) {
      server.enqueue(FakeReply.status(429));
      assertThrows(LlmException.class, () -> c.call(null, "hi"));
    }
    assertEquals(State.CLOSED, runtime.circuitBreaker("openai").state());

    runtime.circuitBreaker("openai").reconfigure(
        runtime.circuitBreaker("openai").config().toBuilder().rateLimitIsFailure(true).build());
    for (int i = 0; i < 3; i++) {
      server.enqueue(FakeReply.status(429));
      assertThrows(LlmException.class, () -> c.call(null, "hi"));
    }
    assertEquals(State.OPEN, runtime.circuitBreaker("openai").state());
  }

  @Test
  void methodsNamingTheSameBreakerShareIt() {
    failTimes(call("A.first", "none"), 3);
    LlmException e = assertThrows(LlmException.class, () -> call("B.second", "none").call(null, "x"));
    assertTrue(e.circuitOpen());
    assertEquals("B.second", e.method());
    assertEquals(1, runtime.circuitBreakers().size());
  }

  @Test
  void retryLoopStopsAtAnOpenBreakerInsteadOfHammeringIt() {
    BoundCall c = call("A.b", "default"); // 3 attempts, does not wait for an open breaker
    runtime.circuitBreaker("openai").reconfigure(
        CircuitBreakerConfig.builder().failureThreshold(2).build());
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503)).enqueue(FakeReply.text("never"));

    LlmException e = assertThrows(LlmException.class, () -> c.call(null, "hi"));

    assertTrue(e.circuitOpen());
    assertEquals(2, server.requestCount());
    assertEquals(2, e.attempts());
  }

  @Test
  void policyThatWaitsForTheBreakerWaitsItsOpenTimeAndTriesAgain() {
    runtime.circuitBreaker("openai").reconfigure(CircuitBreakerConfig.builder()
        .failureThreshold(3).halfOpenTrials(1).build());
    failTimes(call("A.b", "none"), 3);
    server.enqueue(FakeReply.text("recovered"));
    // high-availability waits for an open breaker when it half-opens before the deadline.
    LlmResponse<String> r = call("A.b", "high-availability").call(null, "hi");

    assertEquals("recovered", r.text());
    assertTrue(scheduler.waits().contains(Duration.ofSeconds(30)), scheduler.waits().toString());
    assertEquals(State.CLOSED, runtime.circuitBreaker("openai").state());
  }

  @Test
  void forceOpenRejectsAndResetLetsCallsThrough() {
    BoundCall c = call("A.b", "none");
    CircuitBreaker breaker = runtime.circuitBreaker("openai");
    breaker.forceOpen();
    LlmException e = assertThrows(LlmException.class, () -> c.call(null, "hi"));
    assertTrue(e.circuitOpen());
    assertFalse(e.retryAfter().isPresent());
    assertEquals(0, server.requestCount());

    breaker.reset();
    server.enqueue(FakeReply.text("ok"));
    assertEquals("ok", c.call(null, "hi").text());
    assertEquals(1, server.requestCount());
  }

  @Test
  void disabledBreakerLetsEverythingThrough() {
    BoundCall c = call("A.b", "none");
    runtime.circuitBreaker("openai").disable();
    failTimes(c, 6);
    assertEquals(State.DISABLED, runtime.circuitBreaker("openai").state());
    assertEquals(6, server.requestCount());
  }

  @Test
  void registryReturnsTheBreakerTheMethodsUse() {
    call("A.b", "none");
    assertSame(runtime.circuitBreaker("openai"), runtime.circuitBreakers().get(0));
  }

  @Test
  void longRetryHintKeepsItOpenAtLeastThatLong() {
    runtime.circuitBreaker("openai").reconfigure(CircuitBreakerConfig.builder()
        .failureThreshold(1).rateLimitIsFailure(true).build());
    server.enqueue(FakeReply.status(429).header("retry-after", "120"));
    assertThrows(LlmException.class, () -> call("A.b", "none").call(null, "hi"));
    assertEquals(Duration.ofSeconds(120), runtime.circuitBreaker("openai").remainingOpenTime());
  }
}
