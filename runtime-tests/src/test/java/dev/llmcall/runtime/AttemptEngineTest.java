package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Scheduler;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attempt engine's rules, each once for every call shape (#11). */
class AttemptEngineTest {
  private static final Duration GUARD = Duration.ofSeconds(20);
  private static final String KEY = "sk-engine-secret-1234";
  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = runtime(server.openAiBaseUrl(), time).build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private static LlmRuntime.Builder runtime(java.net.URI openAi, Scheduler scheduler) {
    return LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(openAi))
        .scheduler(scheduler)
        .requestTimeout(Duration.ofSeconds(30))
        .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)));
  }

  private BoundCall call(String policy) {
    return runtime.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy(policy));
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + GUARD);
      }
      Thread.onSpinWait();
    }
  }

  // ---- Nothing a stream received is lost ----

  @Test
  void aLateReaderGetsEveryChunkInOrderThenTheFailureWithAllTheText() {
    server.enqueue(FakeReply.stream("one ", "two ", "three ").cutAfter(3)); // role, one, two
    LlmStream s = call("none").stream(null, "x");
    await(() -> s.state().done()); // the stream failed before the reader took anything
    List<String> got = new ArrayList<>();
    LlmException e = assertThrows(LlmException.class, () -> s.forEach(got::add));
    assertEquals(List.of("one ", "two "), got);
    assertEquals("one two ", e.partialText().orElseThrow());
    assertEquals("one two ", e.streamState().orElseThrow().deliveredText());
  }

  @Test
  void aFailureAfterContentIsNeverRestartedWhateverTheReadersPace() {
    server.enqueue(FakeReply.stream("one ", "two ").cutAfter(2)).enqueue(FakeReply.stream("again"));
    LlmStream s = call("default").stream(null, "x"); // default retries, but not after content
    await(() -> s.state().done());
    LlmException e = assertThrows(LlmException.class, s::response);
    assertEquals(1, server.requestCount(), "no second, billed request");
    assertEquals("one ", e.partialText().orElseThrow());
    assertTrue(e.detail().contains("resumeStream"), e.detail());
  }

  @Test
  void aFailureBeforeContentIsRetriedInvisibly() {
    server.enqueue(FakeReply.stream("lost").cutAfter(1)).enqueue(FakeReply.stream("fine"));
    assertEquals("fine", call("default").textStream(null, "x").reduce("", String::concat));
    assertEquals(2, server.requestCount());
  }

  @Test
  void anOpenAiStreamWhoseChoicesFinishedIsCompleteWithoutDone() {
    // role, a, b, finish; then the connection ends: no usage chunk, no [DONE]
    server.enqueue(FakeReply.stream("a", "b").usage(5, 2).cutAfter(4));
    LlmResponse<String> r = call("default").stream(null, "x").response();
    assertEquals("ab", r.text());
    assertEquals(FinishReason.STOP, r.finishReason());
    assertEquals(1, server.requestCount());
    // with the usage chunk before the cut, the usage came too
    server.enqueue(FakeReply.stream("a", "b").usage(5, 2).cutAfter(5));
    assertEquals(new Usage(5, 2), call("default").stream(null, "x").response().usage());
  }

  @Test
  void aStreamCutBeforeAnyChoiceFinishedStaysATruncation() {
    server.enqueue(FakeReply.stream("a", "b").cutAfter(3));
    LlmException e = assertThrows(LlmException.class,
        () -> call("none").stream(null, "x").response());
    assertEquals(ErrorCategory.NETWORK, e.category());
    assertEquals("ab", e.partialText().orElseThrow());
  }

  @Test
  void aStreamWithAToolCallIsNeverResumedAsProse() throws Exception {
    String toolCall = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        + "\"content\":\"Let me check. \"}}]}\n\n"
        + "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
        + "\"id\":\"c1\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"ci\"}}]}}]}\n\n";
    try (RawServer raw = RawServer.start(RawServer.events(toolCall, false));
        LlmRuntime rt = runtime(raw.baseUrl(), time).build()) {
      BoundCall resuming = rt.bind(CallSite.of("Engine.call", "openai", "m")
          .retryPolicy("default").resumeStream(true));
      LlmException e = assertThrows(LlmException.class, () -> resuming.stream(null, "x").response());
      assertEquals(1, raw.requests.get(), "not continued as prose");
      assertTrue(e.detail().contains("tool call"), e.detail());
      assertEquals("Let me check. ", e.partialText().orElseThrow());
    }
  }

  // ---- Usage of failed calls ----

  @Test
  void usageOfAStreamThatFailedIsKeptPerAttempt() {
    server.enqueue(FakeReply.stream("a", "b").usage(40, 500).errorAfter(5, "server_error", "boom"));
    LlmException e = assertThrows(LlmException.class, () -> call("none").stream(null, "x").response());
    assertEquals(new Usage(40, 500), e.usage());
    assertEquals(new Usage(40, 500), e.history().get(0).usage());
    assertEquals("ab", e.partialText().orElseThrow());
  }

  // ---- The breaker ----

  @Test
  void theAttemptThatOpensTheBreakerDoesNotSleepIntoIt() {
    runtime.close();
    runtime = runtime(server.openAiBaseUrl(), time)
        .circuitBreaker("openai", CircuitBreakerConfig.builder().failureThreshold(1).build())
        .build();
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("never"));
    BoundCall guarded = runtime.bind(CallSite.of("Engine.call", "openai", "m")
        .retryPolicy("default").circuitBreaker("openai"));
    LlmException e = assertThrows(LlmException.class, () -> guarded.call(null, "x"));
    assertTrue(e.circuitOpen(), e.getMessage());
    assertEquals(List.of(), time.waits(), "no backoff slept before the rejection");
    assertEquals(1, server.requestCount());
    assertEquals(1, e.attempts());
  }

  // ---- Every wait is bounded, the body included ----

  @Test
  void aBodyThatStallsAfterItsHeadersTimesOut() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.stallingBody());
        LlmRuntime rt = runtime(raw.baseUrl(), time).build()) {
      BoundCall once = rt.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy("none"));
      CompletableFuture<String> blocking = CompletableFuture.supplyAsync(() -> once.text(null, "x"));
      assertTrue(raw.stalled.await(20, TimeUnit.SECONDS));
      await(() -> time.pendingTimers() > 0); // the attempt's body deadline
      time.advance(Duration.ofSeconds(31));
      ExecutionException e = assertThrows(ExecutionException.class, () -> blocking.get(20, TimeUnit.SECONDS));
      LlmException failure = (LlmException) e.getCause();
      assertEquals(ErrorCategory.TIMEOUT, failure.category());
      assertEquals(1, failure.attempts());
    }
  }

  @Test
  void anAsyncCallWhoseBodyStallsTimesOutToo() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.stallingBody());
        LlmRuntime rt = runtime(raw.baseUrl(), time).build()) {
      CompletableFuture<String> future = rt.bind(CallSite.of("Engine.call", "openai", "m")
          .retryPolicy("none")).textAsync(null, "x");
      assertTrue(raw.stalled.await(20, TimeUnit.SECONDS));
      await(() -> time.pendingTimers() > 0);
      time.advance(Duration.ofSeconds(31));
      ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
      assertEquals(ErrorCategory.TIMEOUT, ((LlmException) e.getCause()).category());
    }
  }

  @Test
  void anOversizedBodyIsRefusedWhileReadingAndNotRetried() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.largeAnswer(3 << 20));
        LlmRuntime rt = runtime(raw.baseUrl(), time).maxResponseBytes(1 << 20).build()) {
      LlmException e = assertThrows(LlmException.class,
          () -> rt.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy("default")).text(null, "x"));
      assertEquals(ErrorCategory.UNKNOWN, e.category());
      assertFalse(e.retryable());
      assertTrue(e.detail().contains("maxResponseBytes"), e.detail());
      assertEquals(1, raw.requests.get());
    }
  }

  // ---- Stream clocks ----

  @Test
  void pingsDoNotStopTheFirstTokenClock() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.events("", true));
        LlmRuntime rt = runtime(raw.baseUrl(), time).build()) {
      LlmStream s = rt.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy("none")).stream(null, "x");
      assertTrue(raw.stalled.await(20, TimeUnit.SECONDS));
      for (int i = 0; i < 3; i++) { // 21 s in all; pings keep the idle clock (10 s) going
        int seen = s.state().events();
        await(() -> s.state().events() > seen + 1);
        time.advance(Duration.ofSeconds(7));
      }
      LlmException e = assertThrows(LlmException.class, s::response);
      assertTrue(e.detail().contains("first-token timeout"), e.detail());
      assertEquals(1, e.attempts());
    }
  }

  // ---- Interrupts and close ----

  @Test
  void interruptingABlockedReaderEndsTheStreamAndKeepsTheFlag() {
    server.enqueue(FakeReply.stream("a ", "b").stallAfter(2));
    LlmStream s = call("none").stream(null, "x");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    assertTimeoutPreemptively(GUARD, () -> {
      java.util.Iterator<String> it = s.iterator();
      assertEquals("a ", it.next());
      Thread reader = new Thread(() -> {
        try {
          it.hasNext(); // blocks: the stream stalls, and pings would not help either
        } catch (Throwable t) {
          thrown.set(t);
          flag.set(Thread.currentThread().isInterrupted());
        }
      });
      reader.start();
      await(() -> reader.getState() == Thread.State.WAITING || !reader.isAlive());
      reader.interrupt();
      reader.join();
    });
    LlmException e = (LlmException) thrown.get();
    assertTrue(e.detail().contains("interrupted"), e.detail());
    assertTrue(flag.get(), "the interrupt flag is kept");
    assertEquals("a ", e.partialText().orElseThrow());
    assertEquals(0, runtime.liveStreams(), "the stream ended and its exchange was cancelled");
  }

  @Test
  void closingTheRuntimeEndsOpenStreamsAndCalls() throws Exception {
    server.enqueue(FakeReply.stream("a ", "b").stallAfter(2));
    LlmStream s = call("none").stream(null, "x");
    try (RawServer raw = RawServer.start(RawServer.stallingBody())) {
      LlmRuntime other = runtime(raw.baseUrl(), time).build();
      CompletableFuture<String> plain =
          other.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy("none")).textAsync(null, "x");
      assertTrue(raw.stalled.await(20, TimeUnit.SECONDS));
      assertTimeoutPreemptively(GUARD, () -> {
        await(() -> s.state().chunks() == 0 && s.state().deliveredText().equals("a "));
        runtime.close();
        other.close();
        LlmException e = assertThrows(LlmException.class, () -> s.forEach(chunk -> { }));
        assertTrue(e.detail().contains("closed"), e.detail());
        assertEquals("a ", e.partialText().orElseThrow());
        ExecutionException pe = assertThrows(ExecutionException.class, () -> plain.get());
        assertTrue(pe.getCause() instanceof LlmException, pe.toString());
      });
      assertEquals(0, runtime.liveStreams());
    }
  }

  // ---- Async waits never block a thread ----

  /** A scheduler whose sleep must never be called and whose waits end when the test says. */
  private static final class HeldScheduler implements Scheduler {
    final VirtualScheduler clock = new VirtualScheduler();
    final List<CompletableFuture<Void>> waits = new ArrayList<>();
    final AtomicInteger sleeps = new AtomicInteger();

    @Override
    public long nanoTime() {
      return clock.nanoTime();
    }

    @Override
    public void sleep(Duration duration) {
      sleeps.incrementAndGet();
      throw new AssertionError("an async call blocked a thread to wait " + duration);
    }

    @Override
    public synchronized CompletableFuture<Void> after(Duration duration) {
      CompletableFuture<Void> wait = new CompletableFuture<>();
      waits.add(wait);
      return wait;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return clock.schedule(delay, task);
    }

    synchronized CompletableFuture<Void> waitAt(int i) {
      return i < waits.size() ? waits.get(i) : null;
    }
  }

  @Test
  void asyncRetriesWaitWithoutBlockingAThread() throws Exception {
    HeldScheduler held = new HeldScheduler();
    runtime.close();
    runtime = runtime(server.openAiBaseUrl(), held).build();
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("after the wait"));
    CompletableFuture<String> future = call("default").textAsync(null, "x");
    await(() -> held.waitAt(0) != null);
    assertFalse(future.isDone(), "the retry waits for the scheduler, holding no thread");
    assertEquals(1, server.requestCount());
    held.waitAt(0).complete(null);
    assertEquals("after the wait", future.get(20, TimeUnit.SECONDS));
    assertEquals(0, held.sleeps.get());
  }

  @Test
  void anAsyncCallWaitingToRetryEndsWhenTheRuntimeCloses() throws Exception {
    HeldScheduler held = new HeldScheduler();
    runtime.close();
    runtime = runtime(server.openAiBaseUrl(), held).build();
    server.enqueue(FakeReply.status(503));
    CompletableFuture<String> future = call("default").textAsync(null, "x");
    await(() -> held.waitAt(0) != null);
    runtime.close(); // the runtime's threads are gone when the wait ends
    held.waitAt(0).complete(null);
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
    assertTrue(((LlmException) e.getCause()).detail().contains("closed"), e.getCause().toString());
    assertEquals(1, server.requestCount());
  }

  @Test
  void aStreamWhoseErrorBodyStallsEndsAtTheFirstTokenTimeout() throws Exception {
    RawServer.Handler stallingError = (exchange, raw) -> {
      exchange.sendResponseHeaders(500, 1000);
      exchange.getResponseBody().write("{\"error\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      raw.stalled.countDown();
      raw.release.await(10, TimeUnit.SECONDS);
    };
    try (RawServer raw = RawServer.start(stallingError);
        LlmRuntime rt = runtime(raw.baseUrl(), time).build()) {
      BoundCall once = rt.bind(CallSite.of("Engine.call", "openai", "m").retryPolicy("none"));
      CompletableFuture<LlmResponse<String>> opened =
          CompletableFuture.supplyAsync(() -> once.stream(null, "x").response());
      assertTrue(raw.stalled.await(20, TimeUnit.SECONDS));
      await(() -> rt.liveStreams() == 1);
      time.advance(Duration.ofSeconds(21)); // the first-token timeout, though headers came
      // well before the server gives up stalling (10 s): the cancelled attempt ends the read
      ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(5, TimeUnit.SECONDS));
      assertEquals(ErrorCategory.TIMEOUT, ((LlmException) e.getCause()).category());
    }
  }

  // ---- Keys never leak ----

  @Test
  void aKeyEchoedInTheCodeOrAHeaderIsRedactedEverywhere() {
    server.enqueue(FakeReply.error(401, "invalid key " + KEY, "Incorrect API key provided: " + KEY)
        .requestId("req-" + KEY));
    LlmException e = assertThrows(LlmException.class, () -> call("none").text(null, "x"));
    String everything = e.getMessage() + e.detail() + e.providerCode().orElse("")
        + e.requestId().orElse("") + e;
    assertFalse(everything.contains(KEY), everything);
    assertTrue(e.requestId().orElseThrow().contains("[redacted]"));
  }

  // ---- Async calls and threads ----

  @Test
  void asyncCallsStartNoThreadPerCallWhereTheJdkWould() throws Exception {
    // This module's surefire runs with a common pool of one worker, as on 2 cores, where JDK 17's
    // sendAsync starts a thread per completion; llmcall's async calls do not (#11).
    BoundCall call = call("none");
    for (int i = 0; i < 20; i++) { // the runtime's threads grow to their size first
      server.enqueue(FakeReply.text("warm"));
      assertEquals("warm", call.textAsync(null, "x").get(20, TimeUnit.SECONDS));
    }
    long before = threadsCreated();
    for (int i = 0; i < 20; i++) {
      server.enqueue(FakeReply.text("steady"));
      assertEquals("steady", call.textAsync(null, "x").get(20, TimeUnit.SECONDS));
    }
    long started = threadsCreated() - before - 1;
    assertTrue(started < 5, started + " threads started for 20 async calls");
  }

  /** Thread ids are handed out in order: the next one tells how many threads were made so far. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
  private static long threadsCreated() {
    return new Thread(() -> { }).getId();
  }
}
