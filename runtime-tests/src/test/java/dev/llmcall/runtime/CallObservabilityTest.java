package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a call leaves behind for the user to see: attempt history, request ids, metrics, events. */
class CallObservabilityTest {
  private FakeLlmServer server;
  private VirtualScheduler scheduler;
  private LlmRuntime runtime;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    scheduler = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-observe").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(scheduler)
        .listener((method, provider, a) -> events.add(method + "/" + provider + "#" + a.number()
            + ":" + a.failure() + ":" + a.httpStatus() + ":" + a.waitSource()))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call() {
    return runtime.bind(CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini"));
  }

  @Test
  void successCarriesTheWholeHistory() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok"));
    LlmResponse<String> r = call().call(null, "hi");
    assertEquals(2, r.history().size());
    Attempt first = r.history().get(0);
    assertEquals(ErrorCategory.SERVER_ERROR, first.failure());
    assertEquals(503, first.httpStatus());
    assertEquals(WaitSource.BACKOFF, first.waitSource());
    assertEquals(scheduler.waits().get(0), first.waitAfter());
    Attempt second = r.history().get(1);
    assertTrue(second.succeeded());
    assertEquals(200, second.httpStatus());
    assertEquals(WaitSource.NONE, second.waitSource());
  }

  @Test
  void failureCarriesTheWholeHistoryWithHintSource() {
    server.enqueue(FakeReply.status(429).header("retry-after-ms", "250"))
        .enqueue(FakeReply.status(400));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(List.of(ErrorCategory.RATE_LIMIT, ErrorCategory.VALIDATION),
        e.history().stream().map(Attempt::failure).toList());
    assertEquals(WaitSource.RETRY_AFTER, e.history().get(0).waitSource());
    assertEquals(Duration.ofMillis(250), e.history().get(0).waitAfter());
  }

  @Test
  void clientRequestIdIsTheSameOnEveryAttemptAndNewPerCall() {
    server.enqueue(FakeReply.status(500)).enqueue(FakeReply.text("ok")).enqueue(FakeReply.text("again"));
    LlmResponse<String> r = call().call(null, "hi");
    String first = server.takeRequest().header("x-client-request-id");
    String second = server.takeRequest().header("x-client-request-id");
    assertNotNull(first);
    assertEquals(first, second);
    assertEquals(first, r.clientRequestId());
    call().call(null, "hi");
    assertNotEquals(first, server.takeRequest().header("x-client-request-id"));
  }

  @Test
  void metricsCountCallsAttemptsRetriesAndOutcomes() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok")) // success after retry
        .enqueue(FakeReply.text("ok"))                                   // plain success
        .enqueue(FakeReply.status(401));                                 // failure
    BoundCall c = call();
    c.call(null, "1");
    c.call(null, "2");
    assertThrows(LlmException.class, () -> c.call(null, "3"));

    CallMetrics m = runtime.metrics().get(0);
    assertEquals("Assistant.summarize", m.method());
    assertEquals("openai", m.provider());
    assertEquals(3, m.calls());
    assertEquals(4, m.attempts());
    assertEquals(1, m.retries());
    assertEquals(2, m.successes());
    assertEquals(1, m.successesAfterRetry());
    assertEquals(1, m.failures());
    assertEquals(Map.of(ErrorCategory.SERVER_ERROR, 1L, ErrorCategory.AUTHENTICATION, 1L), m.failedAttempts());
    assertEquals(Map.of(ErrorCategory.AUTHENTICATION, 1L), m.failuresByCategory());
  }

  @Test
  void clientsOfTheSameMethodShareMetrics() {
    call().call(null, "a");
    call().call(null, "b");
    assertEquals(1, runtime.metrics().size());
    assertEquals(2, runtime.metrics().get(0).calls());
  }

  @Test
  void listenerHearsEveryAttemptInOrder() {
    server.enqueue(FakeReply.status(502)).enqueue(FakeReply.text("ok"));
    call().call(null, "hi");
    assertEquals(List.of(
        "Assistant.summarize/openai#1:SERVER_ERROR:502:BACKOFF",
        "Assistant.summarize/openai#2:null:200:NONE"), events);
  }

  @Test
  void throwingListenerDoesNotBreakTheCall() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k").withBaseUrl(server.openAiBaseUrl()))
        .listener((m, p, a) -> {
          throw new IllegalStateException("listener bug");
        })
        .build();
    server.enqueue(FakeReply.status(500)).enqueue(FakeReply.text("ok"));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "openai", "m").retryPolicy("default"))
        .call(null, "hi");
    assertEquals("ok", r.text());
    assertEquals(2, r.attempts());
  }
}
