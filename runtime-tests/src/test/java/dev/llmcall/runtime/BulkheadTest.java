package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bulkhead: concurrent requests and streams per provider, counted apart, never leaked (#13). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BulkheadTest {
  private static final Duration SLOW = Duration.ofMillis(700);

  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private void runtime(RateShaping shaping) {
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-bulk").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .retryPolicy("short", RetryPolicy.none().toBuilder().timeout(Duration.ofSeconds(30)).build())
        .rateShaping(shaping)
        .build();
  }

  private BoundCall call() {
    return runtime.bind(CallSite.of("Bulkhead.call", "openai", "m").retryPolicy("none"));
  }

  /** With nothing allowed to wait, a leaked permit makes this fail at once as RATE_LIMIT. */
  private void probe() {
    assertTrue(call().text(null, "probe").contains("probe"));
  }

  @Test
  void aFullBulkheadFailsAtOnceWhenNothingMayWait() throws Exception {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 1).withMaxQueued(0));
    server.enqueue(FakeReply.text("slow").delay(SLOW));
    CompletableFuture<String> first = call().textAsync(null, "first"); // holds the permit
    LlmException e = assertThrows(LlmException.class, () -> call().text(null, "second"));
    assertEquals(ErrorCategory.RATE_LIMIT, e.category());
    assertTrue(e.detail().contains("all 1 request permits of provider 'openai' are in use"), e.detail());
    assertEquals("slow", first.get(10, TimeUnit.SECONDS));
    probe();
    assertEquals(1, runtime.metrics().get(0).shapingRejections());
  }

  @Test
  void blockingAndAsyncCallsWaitForAPermit() throws Exception {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 0));
    server.enqueue(FakeReply.text("slow").delay(SLOW));
    CompletableFuture<String> first = call().textAsync(null, "first");
    AtomicBoolean firstDoneBeforeAsync = new AtomicBoolean();
    CompletableFuture<String> async = call().textAsync(null, "async")
        .whenComplete((r, t) -> firstDoneBeforeAsync.set(first.isDone()));
    String blocking = call().text(null, "blocking"); // waits for a permit, not for time
    assertTrue(first.isDone(), "the blocking call went while the first held the only permit");
    assertTrue(blocking.contains("blocking"));
    assertTrue(async.get(10, TimeUnit.SECONDS).contains("async"));
    assertTrue(firstDoneBeforeAsync.get(), "the async call went while the first held the only permit");
    // each release wakes every waiter to try again: one may have to wait once more
    assertTrue(runtime.metrics().get(0).shapingWaits() >= 2);
    assertEquals(time.waits().size(), 0); // a wait for a permit takes no virtual time
  }

  @Test
  void aWaitForAPermitEndsAtTheDeadline() throws Exception {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 0));
    server.enqueue(FakeReply.text("slow").delay(SLOW));
    CompletableFuture<String> first = call().textAsync(null, "first");
    CompletableFuture<String> waiting = runtime.bind(CallSite.of("Bulkhead.call", "openai", "m")
        .retryPolicy("short")).textAsync(null, "waiting");
    time.advance(Duration.ofSeconds(31));
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    LlmException failure = (LlmException) e.getCause();
    assertEquals(ErrorCategory.RATE_LIMIT, failure.category());
    assertTrue(failure.detail().contains("no request permit of provider 'openai' came free before the call's deadline"),
        failure.detail());
    assertEquals("slow", first.get(10, TimeUnit.SECONDS));
    assertEquals(1, server.requestCount());
  }

  @Test
  void streamsAreCountedApartFromRequests() {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 1).withMaxQueued(0));
    server.enqueue(FakeReply.stream("open ", "still").stallAfter(2));
    LlmStream open = call().stream(null, "held open");
    probe(); // a plain request has its own permit
    LlmStream second = call().stream(null, "second stream"); // fails when read, as streams do
    LlmException e = assertThrows(LlmException.class, second::response);
    assertEquals(ErrorCategory.RATE_LIMIT, e.category());
    assertTrue(e.detail().contains("all 1 stream permits"), e.detail());
    open.close();
    try (LlmStream next = call().stream(null, "after close")) {
      assertTrue(next.response().text().contains("after close"));
    }
  }

  @Test
  void everyWayAnAttemptEndsGivesItsPermitBack() throws Exception {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 1).withMaxQueued(0));
    probe(); // success

    server.enqueue(FakeReply.status(500));
    assertEquals(500, assertThrows(LlmException.class, () -> call().text(null, "server error"))
        .httpStatus().getAsInt());
    probe();
    server.enqueue(FakeReply.status(429));
    assertEquals(429, assertThrows(LlmException.class, () -> call().text(null, "rate limited"))
        .httpStatus().getAsInt());
    time.advance(Duration.ofSeconds(1)); // a 429 without a hint stops the budget for a second
    probe();
    server.enqueue(FakeReply.dropConnection());
    assertEquals(ErrorCategory.NETWORK,
        assertThrows(LlmException.class, () -> call().text(null, "dropped")).category());
    probe();
    server.enqueue(FakeReply.text("").refusal("no"));
    assertEquals(ErrorCategory.CONTENT_FILTER,
        assertThrows(LlmException.class, () -> call().text(null, "refused")).category());
    probe();

    server.enqueue(FakeReply.text("late").delay(SLOW));
    CompletableFuture<String> cancelled = call().textAsync(null, "cancelled");
    cancelled.cancel(true);
    PublisherTest.await(() -> {
      try {
        return call().text(null, "probe").contains("probe");
      } catch (LlmException e) {
        return false; // the cancellation reaches the exchange on the client's thread
      }
    });

    Thread blocked = new Thread(() -> assertThrows(LlmException.class, () -> call().text(null, "interrupted")));
    server.enqueue(FakeReply.text("late").delay(SLOW));
    int before = server.requestCount();
    blocked.start();
    PublisherTest.await(() -> server.requestCount() > before);
    blocked.interrupt();
    blocked.join();
    probe();

    server.enqueue(FakeReply.stream("a", "b", "c").stallAfter(2));
    LlmStream closedEarly = call().stream(null, "closed early");
    Iterator<String> chunks = closedEarly.iterator();
    assertEquals("a", chunks.next());
    closedEarly.close();
    server.enqueue(FakeReply.stream("a", "b").errorAfter(2, "server_error", "boom"));
    assertEquals(ErrorCategory.SERVER_ERROR,
        assertThrows(LlmException.class, () -> call().stream(null, "broken").response()).category());
    try (LlmStream whole = call().stream(null, "read to the end")) {
      assertFalse(whole.response().text().isEmpty());
    }
    assertTrue(RateShapingTest.collect(call().publisher(null, "published")).contains("published"));
    try (LlmStream again = call().stream(null, "stream probe")) {
      assertTrue(again.response().text().contains("stream probe"));
    }
    probe();
    assertEquals(0, runtime.metrics().get(0).shapingRejections());
  }

  @Test
  void closingTheRuntimeEndsTheCallsWaitingForAPermit() throws Exception {
    runtime(RateShaping.DEFAULT.withBulkhead(1, 0));
    server.enqueue(FakeReply.text("slow").delay(Duration.ofSeconds(5)));
    CompletableFuture<String> first = call().textAsync(null, "first");
    CompletableFuture<String> waiting = call().textAsync(null, "waiting");
    assertFalse(waiting.isDone());
    runtime.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(3, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    assertThrows(ExecutionException.class, () -> first.get(3, TimeUnit.SECONDS));
  }
}
