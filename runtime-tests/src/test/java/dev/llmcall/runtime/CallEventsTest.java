package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Scheduler;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call-level events, any number of listeners, the context hook and the runtime's log (#14). The
 * log is read through java.util.logging, the default back end of {@code System.Logger}.
 */
class CallEventsTest {
  private static final String KEY = "sk-events-secret-9876";
  private static final Duration GUARD = Duration.ofSeconds(20);
  private static final ThreadLocal<String> TRACE = new ThreadLocal<>();

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<CallEvent> received = new CopyOnWriteArrayList<>();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger jul = Logger.getLogger("dev.llmcall.runtime");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level previousLevel;
  private FakeLlmServer server;
  private VirtualScheduler time;

  @BeforeEach
  void start() {
    previousLevel = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(capture);
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
  }

  @AfterEach
  void stop() {
    jul.removeHandler(capture);
    jul.setLevel(previousLevel);
    server.close();
  }

  /** Records every event as a line, and keeps it. */
  private final CallEventListener recorder = new CallEventListener() {
    @Override
    public void onCallStarted(CallEvent.Started e) {
      add(e, "started " + e.call().method() + " " + e.call().model());
    }

    @Override
    public void onAttemptEnded(CallEvent.AttemptEnded e) {
      Attempt a = e.attempt();
      add(e, "attempt " + a.number() + " " + (a.succeeded() ? "ok" : a.failure()) + " "
          + a.waitSource());
    }

    @Override
    public void onFirstToken(CallEvent.FirstToken e) {
      add(e, "first token in attempt " + e.attempt());
    }

    @Override
    public void onCallEnded(CallEvent.Ended e) {
      add(e, "ended " + e.outcome() + " after " + e.attempts());
    }

    private void add(CallEvent e, String line) {
      received.add(e);
      events.add(line + (TRACE.get() == null ? "" : " @" + TRACE.get()));
    }
  };

  private LlmRuntime.Builder runtime() {
    return LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)));
  }

  private static BoundCall call(LlmRuntime runtime, String policy) {
    return runtime.bind(CallSite.of("Events.ask", "openai", "gpt-4o-mini").retryPolicy(policy));
  }

  private List<String> messages(Level atLeast) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : logged) {
      if (r.getLevel().intValue() >= atLeast.intValue()) {
        out.add(r.getLevel() + " " + r.getMessage());
      }
    }
    return out;
  }

  @Test
  void aCallWithARetryTellsItsStartEachAttemptAndItsEnd() {
    server.enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("ok").usage(7, 3).model("gpt-4o-mini-2024-07-18"));
    try (LlmRuntime runtime = runtime().listener(recorder).build()) {
      call(runtime, "default").call(null, "hi");
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini", "attempt 1 SERVER_ERROR BACKOFF",
        "attempt 2 ok NONE", "ended SUCCEEDED after 2"), events);
    CallEvent.Ended end = (CallEvent.Ended) received.get(3);
    assertEquals("gpt-4o-mini-2024-07-18", end.responseModel());
    assertEquals(new Usage(7, 3), end.usage());
    assertEquals(time.waits().get(0), end.latency(), "virtual time: the wait is the latency");
    assertNull(end.failure());
    assertEquals(received.get(0).call(), end.call(), "one call, one identity");
    CallEvent.Started started = (CallEvent.Started) received.get(0);
    assertEquals("hi", started.prompt());
    assertNull(started.system());
  }

  @Test
  void everyListenerHearsEveryCallTheOldOneToo() {
    List<String> old = new CopyOnWriteArrayList<>();
    server.enqueue(FakeReply.text("ok"));
    try (LlmRuntime runtime = runtime()
        .listener((method, provider, attempt) -> old.add("first " + attempt.number()))
        .listener((method, provider, attempt) -> old.add("second " + attempt.number()))
        .listener(recorder)
        .build()) {
      call(runtime, "none").text(null, "hi");
    }
    assertEquals(List.of("first 1", "second 1"), old, "a second listener no longer replaces the first");
    assertEquals(3, events.size(), "started, attempt, ended");
  }

  @Test
  void aListenerAddedToABuiltRuntimeHearsTheCallsThatFollow() {
    server.enqueue(FakeReply.text("ok"));
    try (LlmRuntime runtime = runtime().build()) {
      runtime.addListener(recorder);
      call(runtime, "none").text(null, "hi");
    }
    assertEquals("ended SUCCEEDED after 1", events.get(events.size() - 1));
  }

  @Test
  void aStreamTellsItsFirstTokenOnce() {
    server.enqueue(FakeReply.stream("one ", "two ", "three").usage(4, 3));
    try (LlmRuntime runtime = runtime().listener(recorder).build()) {
      assertEquals("one two three", call(runtime, "none").textStream(null, "hi")
          .reduce("", String::concat));
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini", "first token in attempt 1",
        "attempt 1 ok NONE", "ended SUCCEEDED after 1"), events);
  }

  @Test
  void aStreamClosedByItsReaderEndsAbandoned() {
    server.enqueue(FakeReply.stream("one ", "two ").stallAfter(2));
    try (LlmRuntime runtime = runtime().listener(recorder).build()) {
      LlmStream s = call(runtime, "none").stream(null, "hi");
      assertEquals("one ", s.text().iterator().next());
      s.close();
    }
    assertEquals("ended ABANDONED after 0", events.get(events.size() - 1));
  }

  @Test
  void aCallRejectedByAnOpenBreakerStartsAndEndsWithoutAnAttemptAndTheOpeningIsAWarning() {
    server.enqueue(FakeReply.status(503));
    try (LlmRuntime runtime = runtime().listener(recorder)
        .circuitBreaker("openai", CircuitBreakerConfig.builder().failureThreshold(1).build())
        .build()) {
      BoundCall guarded = runtime.bind(CallSite.of("Events.ask", "openai", "gpt-4o-mini")
          .retryPolicy("none").circuitBreaker("openai"));
      assertThrows(LlmException.class, () -> guarded.text(null, "opens it"));
      events.clear();
      received.clear();
      LlmException rejected = assertThrows(LlmException.class, () -> guarded.text(null, "rejected"));
      assertTrue(rejected.circuitOpen());
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini", "ended FAILED after 0"), events);
    CallEvent.Ended end = (CallEvent.Ended) received.get(1);
    assertEquals("openai", end.call().circuitBreaker());
    assertTrue(end.failure().circuitOpen());
    assertEquals(1, server.requestCount(), "the rejected call sent nothing");
    List<String> warnings = messages(Level.WARNING);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("circuit breaker 'openai': CLOSED -> OPEN"), warnings.get(0));
    assertTrue(messages(Level.FINE).stream().anyMatch(m -> m.startsWith("FINE Events.ask on openai"
        + " failed after 0 attempts") && m.contains("circuit breaker")), messages(Level.FINE).toString());
  }

  @Test
  void aListenerThatThrowsNeverBreaksTheCallAndIsLoggedOnce() {
    server.enqueue(FakeReply.text("one")).enqueue(FakeReply.text("two"));
    CallEventListener broken = new CallEventListener() {
      @Override
      public void onCallEnded(CallEvent.Ended e) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (LlmRuntime runtime = runtime().listener(broken).listener(recorder).build()) {
      assertEquals("one", call(runtime, "none").text(null, "a"));
      assertEquals("two", call(runtime, "none").text(null, "b"));
    }
    assertEquals(2, events.stream().filter(e -> e.startsWith("ended")).count(),
        "the next listener still hears it");
    List<String> warnings = messages(Level.WARNING);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("threw in Ended"), warnings.get(0));
  }

  /** Carries {@link #TRACE} the way a tracing library carries its context. */
  private static CallContextPropagator threadLocalPropagator() {
    return started -> {
      String captured = TRACE.get();
      return new CallContextPropagator.Captured() {
        @Override
        public CallContextPropagator.Scope makeCurrent() {
          String previous = TRACE.get();
          TRACE.set(captured);
          return () -> TRACE.set(previous);
        }

        @Override
        public void addHeaders(java.util.function.BiConsumer<String, String> header) {
          header.accept("x-trace", captured);
        }
      };
    };
  }

  @Test
  void theCallersContextIsCurrentAroundEveryAsyncAttemptAndOnEveryRequest() throws Exception {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(500)).enqueue(FakeReply.text("ok"));
    try (LlmRuntime runtime = runtime().listener(recorder)
        .contextPropagator(threadLocalPropagator()).build()) {
      TRACE.set("trace-42");
      java.util.concurrent.CompletableFuture<String> f;
      try {
        f = call(runtime, "default").textAsync(null, "hi");
      } finally {
        TRACE.remove();
      }
      assertTimeoutPreemptively(GUARD, () -> {
        while (!f.isDone()) {
          time.advance(Duration.ofSeconds(1));
          Thread.sleep(5);
        }
      });
      assertEquals("ok", f.get());
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini @trace-42",
        "attempt 1 SERVER_ERROR BACKOFF @trace-42", "attempt 2 SERVER_ERROR BACKOFF @trace-42",
        "attempt 3 ok NONE @trace-42", "ended SUCCEEDED after 3 @trace-42"), events);
    assertEquals(3, server.requests().size());
    for (RecordedRequest r : server.requests()) {
      assertEquals("trace-42", r.header("x-trace"));
    }
  }

  @Test
  void retriesAndFailuresAreDebugAndASuccessLogsNothingAboveDebug() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok"))
        .enqueue(FakeReply.status(400));
    try (LlmRuntime runtime = runtime().build()) {
      call(runtime, "default").text(null, "hi");
      assertEquals(List.of(), messages(Level.INFO), "a success, even after a retry, is quiet");
      assertThrows(LlmException.class, () -> call(runtime, "default").text(null, "bad"));
    }
    List<String> debug = messages(Level.FINE);
    assertEquals(2, debug.size(), debug.toString());
    assertTrue(debug.get(0).startsWith("FINE Events.ask on openai: attempt 1 failed with SERVER_ERROR"
        + " (HTTP 503); retrying in "), debug.get(0));
    assertTrue(debug.get(1).startsWith("FINE Events.ask on openai failed after 1 attempt: "), debug.get(1));
    assertFalse(String.join("\n", debug).contains(KEY));
  }

  @Test
  void requestLoggingIsOffByDefaultAndNeverShowsCredentials() {
    server.enqueue(FakeReply.text("fine")).enqueue(FakeReply.text("fine"));
    try (LlmRuntime quiet = runtime().build()) {
      call(quiet, "none").text(null, "hi");
    }
    assertEquals(List.of(), messages(Level.ALL), "off by default");
    try (LlmRuntime loud = runtime().logRequests(true).build()) {
      call(loud, "none").text(null, "the prompt " + KEY);
    }
    List<String> lines = messages(Level.FINE);
    assertEquals(2, lines.size(), lines.toString());
    String request = lines.get(0);
    assertTrue(request.contains("--> POST " + server.openAiBaseUrl()), request);
    assertTrue(request.toLowerCase(java.util.Locale.ROOT).contains("authorization: [redacted]"), request);
    assertTrue(request.contains("the prompt [redacted]"), request);
    assertTrue(lines.get(1).contains("<-- 200") && lines.get(1).endsWith("fine"), lines.get(1));
    for (String line : lines) {
      assertFalse(line.contains(KEY), line);
    }
  }

  @Test
  void aStructuredCallEndsOnceWithTheDecodedValueAfterItsRepair() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":\"thirty-six\"}"))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    try (LlmRuntime runtime = runtime().listener(recorder).build()) {
      call(runtime, "none").structured(null, "Who?", StructuredOutputTest.PERSON);
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini", "attempt 1 ok NONE", "attempt 2 ok NONE",
        "ended SUCCEEDED after 2"), events, "the first answer is heard as it arrived");
    CallEvent.Ended end = (CallEvent.Ended) received.get(3);
    assertEquals(new StructuredOutputTest.Person("Ada", 36), end.response().value());
    assertEquals(1, end.repairs());
  }

  @Test
  void aStreamClosedWhileWaitingToRetryEndsAbandoned() {
    // The virtual scheduler jumps every wait at once; this one holds the retry's wait open.
    CompletableFuture<Void> retryWait = new CompletableFuture<>();
    Scheduler held = new Scheduler() {
      @Override
      public long nanoTime() {
        return time.nanoTime();
      }

      @Override
      public void sleep(Duration d) {
        time.sleep(d);
      }

      @Override
      public CompletableFuture<Void> after(Duration d) {
        return retryWait;
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        return time.schedule(delay, task);
      }
    };
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.stream("late"));
    try (LlmRuntime runtime = runtime().scheduler(held).listener(recorder).build()) {
      LlmStream s = call(runtime, "default").stream(null, "hi");
      assertTimeoutPreemptively(GUARD, () -> {
        while (events.size() < 2) { // the failed attempt is recorded, its wait arranged
          Thread.sleep(5);
        }
      });
      s.close();
      retryWait.complete(null); // the wait ends after the close: no second attempt
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini", "attempt 1 SERVER_ERROR BACKOFF",
        "ended ABANDONED after 1"), events);
    assertEquals(1, server.requestCount());
  }

  @Test
  void aSuccessfulStreamLogsNothingAboveDebug() {
    server.enqueue(FakeReply.stream("quiet"));
    try (LlmRuntime runtime = runtime().build()) {
      assertEquals("quiet", call(runtime, "none").textStream(null, "hi").reduce("", String::concat));
    }
    assertEquals(List.of(), messages(Level.INFO));
  }

  @Test
  void theCallersContextIsCurrentAroundAStreamsRetryAndItsCallbacks() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.stream("a", "b"));
    try (LlmRuntime runtime = runtime().listener(recorder)
        .contextPropagator(threadLocalPropagator()).build()) {
      TRACE.set("trace-7");
      LlmStream s;
      try {
        s = call(runtime, "default").stream(null, "hi");
      } finally {
        TRACE.remove();
      }
      assertTimeoutPreemptively(GUARD, () -> {
        while (!s.state().done()) {
          time.advance(Duration.ofSeconds(1));
          Thread.sleep(5);
        }
      });
      assertEquals("ab", s.response().text());
    }
    assertEquals(List.of("started Events.ask gpt-4o-mini @trace-7",
        "attempt 1 SERVER_ERROR BACKOFF @trace-7", "first token in attempt 2 @trace-7",
        "attempt 2 ok NONE @trace-7", "ended SUCCEEDED after 2 @trace-7"), events);
    for (RecordedRequest r : server.requests()) {
      assertEquals("trace-7", r.header("x-trace"));
    }
    assertEquals(2, server.requests().size());
  }

  @Test
  void aPublishersSubscriberIsCalledWithTheCallersContext() throws Exception {
    server.enqueue(FakeReply.stream("a", "b", "c"));
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    try (LlmRuntime runtime = runtime().contextPropagator(threadLocalPropagator()).build()) {
      java.util.concurrent.Flow.Publisher<String> chunks;
      TRACE.set("trace-9");
      try {
        chunks = call(runtime, "none").publisher(null, "hi");
        chunks.subscribe(new java.util.concurrent.Flow.Subscriber<String>() {
          @Override
          public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String chunk) {
            seen.add(chunk + "@" + TRACE.get());
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            seen.add("end@" + TRACE.get());
            done.complete(null);
          }
        });
      } finally {
        TRACE.remove();
      }
      done.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertEquals(List.of("a@trace-9", "b@trace-9", "c@trace-9", "end@trace-9"), seen);
  }
}
