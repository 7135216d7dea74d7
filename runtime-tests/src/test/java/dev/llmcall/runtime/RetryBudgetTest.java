package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's retry budget, on virtual time (#13). */
class RetryBudgetTest {
  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        // a retry waits 1 ms, so the budget's window barely moves between calls
        .retryPolicy("quick", RetryPolicy.defaults().toBuilder()
            .initialDelay(Duration.ofMillis(1)).jitter(0).maxAttempts(2).build())
        .retryBudget(new RetryBudget(0.5, 0, Duration.ofSeconds(10)))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call() {
    return runtime.bind(CallSite.of("Budget.call", "openai", "m").retryPolicy("quick"));
  }

  private CallMetrics metrics() {
    return runtime.metrics().get(0);
  }

  @Test
  void retriesAreCappedToAShareOfTheCallsAndTheDenialSaysSo() {
    // call 1: one call in the window allows 0.5 retries, so the 503 surfaces at once (a retry
    // would have got the fake server's default answer)
    server.enqueue(FakeReply.status(503));
    LlmException denied = assertThrows(LlmException.class, () -> call().text(null, "1"));
    assertTrue(denied.detail().contains("retry budget is spent"), denied.detail());
    assertEquals(1, server.requestCount());
    assertEquals(1, metrics().retriesDenied());

    server.enqueue(FakeReply.text("warm"));
    assertEquals("warm", call().text(null, "2"));
    // calls 3 and 4: 3 and 4 calls allow 1.5 and 2 retries, so each gets its one
    for (int i = 3; i <= 4; i++) {
      server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("retried"));
      assertEquals("retried", call().text(null, "call " + i));
    }
    // call 5: a third retry against 5 calls' 2.5 is denied
    server.enqueue(FakeReply.status(503));
    assertThrows(LlmException.class, () -> call().text(null, "5"));
    assertEquals(2, metrics().retriesDenied());
    assertEquals(7, server.requestCount()); // 1 + 1 + 2 + 2 + 1
  }

  @Test
  void theBudgetRefillsAsTheWindowMovesOn() {
    server.enqueue(FakeReply.status(503));
    assertThrows(LlmException.class, () -> call().text(null, "1"));
    time.advance(Duration.ofSeconds(11)); // the first call left the window
    for (int i = 0; i < 2; i++) {
      server.enqueue(FakeReply.text("ok"));
      call().text(null, "fill");
    }
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("retried"));
    assertEquals("retried", call().text(null, "3"));
    assertEquals(1, metrics().retriesDenied());
  }

  @Test
  void anUnlimitedBudgetNeverDenies() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .retryBudget(RetryBudget.unlimited())
        .build();
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("retried"));
    assertEquals("retried", runtime.bind(CallSite.of("Budget.call", "openai", "m")).text(null, "x"));
  }
}
