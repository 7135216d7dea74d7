package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One call through the whole pipeline: attempts, classification, waits and the final result. */
class CallPipelineTest {
  private static final String KEY = "plain-key-without-a-known-prefix-42";
  private FakeLlmServer server;
  private VirtualScheduler scheduler;
  private LlmRuntime runtime;

  /** No jitter, so every backoff is exactly the policy's. */
  private static final RandomGenerator NO_JITTER = new RandomGenerator() {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextDouble() {
      return 0;
    }
  };

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    scheduler = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .scheduler(scheduler)
        .random(NO_JITTER)
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
  void serverErrorIsRetriedAfterBackoffAndSucceeds() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(500)).enqueue(FakeReply.text("ok"));
    LlmResponse<String> r = call().call(null, "hi");
    assertEquals("ok", r.text());
    assertEquals(3, r.attempts());
    assertEquals(3, server.requestCount());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), scheduler.waits());
  }

  @Test
  void givingUpSaysSoAndKeepsTheLastError() {
    server.enqueue(FakeReply.status(500)).enqueue(FakeReply.status(502)).enqueue(FakeReply.status(503));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(ErrorCategory.SERVER_ERROR, e.category());
    assertEquals(OptionalInt.of(503), e.httpStatus());
    assertEquals(3, e.attempts());
    assertEquals("openai", e.provider());
    assertEquals("Assistant.summarize", e.method());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
  }

  @Test
  void authenticationFailureIsNotRetried() {
    server.enqueue(FakeReply.status(401).requestId("req_401"));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(ErrorCategory.AUTHENTICATION, e.category());
    assertFalse(e.retryable());
    assertEquals(1, server.requestCount());
    assertEquals(1, e.attempts());
    assertTrue(scheduler.waits().isEmpty());
  }

  @Test
  void retryAfterHintReplacesBackoff() {
    server.enqueue(FakeReply.status(429).header("retry-after", "3")).enqueue(FakeReply.text("ok"));
    assertEquals("ok", call().text(null, "hi"));
    assertEquals(List.of(Duration.ofSeconds(3)), scheduler.waits());
  }

  @Test
  void droppedConnectionIsNetworkAndRetried() {
    server.enqueue(FakeReply.dropConnection()).enqueue(FakeReply.text("ok"));
    LlmResponse<String> r = call().call(null, "hi");
    assertEquals(2, r.attempts());
  }

  @Test
  void droppedConnectionsExhaustAsNetwork() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .defaultRetryPolicy("none")
        .build();
    server.enqueue(FakeReply.dropConnection());
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(ErrorCategory.NETWORK, e.category());
    assertTrue(e.retryable());
    assertTrue(e.httpStatus().isEmpty());
  }

  @Test
  void slowResponseIsTimeout() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .requestTimeout(Duration.ofMillis(150))
        .defaultRetryPolicy("none")
        .build();
    server.enqueue(FakeReply.text("late").delay(Duration.ofSeconds(3)));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(ErrorCategory.TIMEOUT, e.category());
  }

  @Test
  void redirectIsNeverFollowed() {
    server.enqueue(FakeReply.status(307).header("location", "http://127.0.0.2:1/steal").body(""));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertEquals(OptionalInt.of(307), e.httpStatus());
    assertEquals(ErrorCategory.UNKNOWN, e.category());
    assertEquals(1, server.requestCount());
  }

  @Test
  void apiKeyNeverAppearsInTheExceptionEvenWhenTheProviderEchoesIt() {
    server.enqueue(FakeReply.status(401).body(
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}"));
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
    assertFalse(e.toString().contains(KEY), e.toString());
  }

  @Test
  void asyncCallSucceeds() throws Exception {
    server.enqueue(FakeReply.text("async ok"));
    assertEquals("async ok", call().textAsync(null, "hi").get(10, TimeUnit.SECONDS));
  }

  @Test
  void asyncCallRetriesWithoutBlocking() throws Exception {
    server.enqueue(FakeReply.status(529)).enqueue(FakeReply.text("ok"));
    LlmResponse<String> r = call().callAsync(null, "hi").get(10, TimeUnit.SECONDS);
    assertEquals(2, r.attempts());
    assertEquals(List.of(Duration.ofMillis(500)), scheduler.waits());
  }

  @Test
  void asyncFailureIsTheLlmExceptionItself() {
    server.enqueue(FakeReply.status(400));
    CompletableFuture<String> f = call().textAsync(null, "hi");
    Throwable seen = f.handle((v, t) -> t).join();
    assertTrue(seen instanceof LlmException, String.valueOf(seen));
    assertEquals(ErrorCategory.VALIDATION, ((LlmException) seen).category());
    CompletionException wrapped = assertThrows(CompletionException.class, f::join);
    assertSame(seen, wrapped.getCause());
  }

  @Test
  void deadlineStopsRetriesThatCouldNotFinishInTime() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .retryPolicy("tight", RetryPolicy.builder().maxAttempts(5).timeout(Duration.ofMillis(1200)).build())
        .defaultRetryPolicy("tight")
        .scheduler(scheduler)
        .random(NO_JITTER)
        .build();
    for (int i = 0; i < 5; i++) {
      server.enqueue(FakeReply.status(503));
    }
    LlmException e = assertThrows(LlmException.class, () -> call().call(null, "hi"));
    // waits 500 ms, then 1000 ms would end after the 1200 ms deadline: stop after 2 attempts.
    assertEquals(2, e.attempts());
    assertEquals(List.of(Duration.ofMillis(500)), scheduler.waits());
    assertTrue(e.getMessage().contains("deadline"), e.getMessage());
  }

  @Test
  void inlineOverridesChangeTheBoundPolicy() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("never reached"));
    BoundCall once = runtime.bind(CallSite.of("A.b", "openai", "m")
        .retryOverrides(dev.llmcall.runtime.spi.RetryOverrides.NONE.maxAttempts(1)));
    LlmException e = assertThrows(LlmException.class, () -> once.call(null, "hi"));
    assertEquals(1, e.attempts());
    assertEquals(1, server.requestCount());
  }

  @Test
  void asyncContinuationsNeverRunOnTheHttpClientsSelectorThread() throws Exception {
    // The client runs its own work inline on its selector thread; user code must not.
    server.enqueue(FakeReply.text("a"));
    String thread = call().textAsync(null, "hi")
        .thenApply(text -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
    assertFalse(thread.contains("SelectorManager"), thread);
  }
}
