package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeRateLimit;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rate shaping from the providers' own headers, on virtual time (#13). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RateShapingTest {
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
    if (runtime != null) {
      runtime.close();
    }
    server.close();
  }

  private LlmRuntime runtime(RateShaping shaping) {
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-one").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("sk-ant-one").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(time)
        .clock(time.clock())
        .retryPolicy("short", RetryPolicy.none().toBuilder().timeout(Duration.ofSeconds(30)).build())
        .rateShaping(shaping)
        .build();
    return runtime;
  }

  private BoundCall call(String provider, String policy) {
    return runtime.bind(CallSite.of("Shaping.call", provider, "m").retryPolicy(policy).maxTokens(100));
  }

  private CallMetrics metrics() {
    return runtime.metrics().get(0);
  }

  @Test
  void waitsForTheOpenAiBudgetInsteadOfEarningA429() {
    FakeRateLimit limit = FakeRateLimit.perMinute(3, 0).time(time, time.clock());
    server.rateLimit(limit);
    runtime(RateShaping.DEFAULT);
    for (int i = 1; i <= 3; i++) {
      assertTrue(call("openai", "none").text(null, "call " + i).contains("call " + i));
    }
    assertEquals(List.of(), time.waits());
    // the third answer said: 0 requests left, whole again in a minute; so the fourth waits it out
    LlmResponse<String> fourth = call("openai", "none").call(null, "call 4");
    assertEquals(1, fourth.history().size()); // the wait is no attempt
    assertEquals(1, time.waits().size());
    Duration waited = time.waits().get(0);
    assertTrue(waited.compareTo(Duration.ofSeconds(60)) <= 0 && waited.compareTo(Duration.ofSeconds(59)) > 0,
        waited.toString());
    assertEquals(0, limit.refused());
    assertEquals(List.of(3L, 1L), limit.servedPerWindow());
    assertEquals(1, metrics().shapingWaits());
    assertEquals(0, metrics().shapingRejections());
  }

  @Test
  void waitsForAnthropicsOutputTokensReadFromRfc3339Resets() {
    // 250 output tokens a minute, each call asks for up to 100: two calls a minute
    FakeRateLimit limit = FakeRateLimit.perMinute(100, 0).outputTokens(250).time(time, time.clock());
    server.rateLimit(limit);
    runtime(RateShaping.DEFAULT);
    for (int i = 1; i <= 5; i++) {
      call("anthropic", "none").text(null, "call " + i);
    }
    assertEquals(0, limit.refused());
    assertEquals(List.of(2L, 2L, 1L), limit.servedPerWindow());
    assertEquals(2, time.waits().size());
    for (Duration w : time.waits()) { // to the whole second after the window's end, at most
      assertTrue(w.compareTo(Duration.ofSeconds(61)) <= 0 && w.compareTo(Duration.ofSeconds(59)) > 0, w.toString());
    }
  }

  @Test
  void failsAtOnceWhenTheWaitWouldPassTheDeadline() {
    server.rateLimit(FakeRateLimit.perMinute(1, 0).time(time, time.clock()));
    runtime(RateShaping.DEFAULT);
    call("openai", "short").text(null, "first");
    // the budget is back in 60 s, the call has 30 s
    LlmException e = assertThrows(LlmException.class, () -> call("openai", "short").text(null, "second"));
    assertEquals(ErrorCategory.RATE_LIMIT, e.category());
    assertTrue(e.detail().contains("provider 'openai' is at its rate limit for requests (0 of 1 left)"),
        e.detail());
    assertTrue(e.detail().contains("after the call's deadline"), e.detail());
    assertTrue(e.history().isEmpty());
    assertEquals(List.of(), time.waits());
    assertEquals(1, server.requestCount());
    assertEquals(1, metrics().shapingRejections());
  }

  @Test
  void failsAtOnceWhenTheQueueIsFull() {
    server.rateLimit(FakeRateLimit.perMinute(1, 0).time(time, time.clock()));
    runtime(RateShaping.DEFAULT.withMaxQueued(0));
    call("openai", "none").text(null, "first");
    LlmException e = assertThrows(LlmException.class, () -> call("openai", "none").text(null, "second"));
    assertEquals(ErrorCategory.RATE_LIMIT, e.category());
    assertTrue(e.detail().contains("0 calls already wait"), e.detail());
    assertEquals(List.of(), time.waits());
    assertEquals(1, server.requestCount());
  }

  @Test
  void a429CorrectsTheBudgetUntilItsRetryHint() {
    runtime(RateShaping.DEFAULT);
    server.enqueue(FakeReply.status(429).header("retry-after", "20"));
    LlmException e = assertThrows(LlmException.class, () -> call("openai", "none").text(null, "first"));
    assertEquals(429, e.httpStatus().getAsInt());
    // no rate-limit headers at all, but the 429 said 20 s: the next call waits them out first
    assertTrue(call("openai", "none").text(null, "second").contains("second"));
    assertEquals(List.of(Duration.ofSeconds(20)), time.waits());
    assertEquals(2, server.requestCount());
  }

  @Test
  void a429WithoutAHintStopsTheBudgetUntilItsReset() {
    runtime(RateShaping.DEFAULT);
    server.enqueue(FakeReply.status(429)
        .header("x-ratelimit-limit-requests", "100")
        .header("x-ratelimit-remaining-requests", "50") // stale: the 429 says otherwise
        .header("x-ratelimit-reset-requests", "12s"));
    assertThrows(LlmException.class, () -> call("openai", "none").text(null, "first"));
    call("openai", "none").text(null, "second");
    assertEquals(List.of(Duration.ofSeconds(12)), time.waits());
  }

  @Test
  void aWaitForBudgetAfterAFailedAttemptIsThatAttemptsWait() {
    server.rateLimit(FakeRateLimit.perMinute(2, 0).time(time, time.clock()));
    runtime(RateShaping.DEFAULT);
    call("openai", "none").text(null, "first");
    server.enqueue(FakeReply.status(503));
    LlmResponse<String> r = call("openai", "default").call(null, "second");
    assertEquals(2, r.history().size());
    Attempt failed = r.history().get(0);
    assertEquals(Attempt.WaitSource.RATE_SHAPING, failed.waitSource());
    assertTrue(failed.waitAfter().compareTo(Duration.ofSeconds(59)) > 0, failed.waitAfter().toString());
  }

  @Test
  void staticLimitsWithoutHeaders() {
    runtime(RateShaping.DEFAULT.withHeaders(false).withStaticLimits(2, 0));
    for (int i = 0; i < 5; i++) {
      call("openai", "none").text(null, "call " + i);
    }
    assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(60)), time.waits());
  }

  @Test
  void offSendsEverything() {
    FakeRateLimit limit = FakeRateLimit.perMinute(1, 0).time(time, time.clock());
    server.rateLimit(limit);
    runtime(RateShaping.off());
    call("openai", "none").text(null, "first");
    assertThrows(LlmException.class, () -> call("openai", "none").text(null, "second"));
    assertEquals(1, limit.refused());
  }

  @Test
  void asyncCallsAndStreamsWaitForTheBudgetToo() throws Exception {
    FakeRateLimit limit = FakeRateLimit.perMinute(1, 0).time(time, time.clock());
    server.rateLimit(limit);
    runtime(RateShaping.DEFAULT);
    call("openai", "none").text(null, "blocking");
    assertTrue(call("openai", "none").textAsync(null, "async").get(10, TimeUnit.SECONDS).contains("async"));
    try (LlmStream s = call("openai", "none").stream(null, "streamed")) {
      assertTrue(s.response().text().contains("streamed"));
    }
    String published = collect(call("openai", "none").publisher(null, "pushed"));
    assertTrue(published.contains("pushed"), published);
    assertEquals(0, limit.refused());
    assertEquals(List.of(1L, 1L, 1L, 1L), limit.servedPerWindow());
    assertEquals(3, time.waits().size());
  }

  /** Every chunk a publisher gives, joined, once it completes. */
  static String collect(Flow.Publisher<String> publisher) throws Exception {
    StringBuilder text = new StringBuilder();
    CompletableFuture<String> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String item) {
        text.append(item);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(text.toString());
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }
}
