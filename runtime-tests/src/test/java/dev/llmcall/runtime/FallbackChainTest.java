package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.StructuredOutputTest.Person;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.CallSite.Fallback;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fallback chains (#13) against two fake providers, one per wire: the primary speaks OpenAI's,
 * the fallback Anthropic's. Waits run on virtual time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FallbackChainTest {
  /** Three attempts per target, 4 s apart, within one deadline of 10 s. */
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .maxAttempts(3).initialDelay(Duration.ofSeconds(4)).multiplier(1).jitter(0)
      .timeout(Duration.ofSeconds(10)).build();
  private static final Target CLAUDE = Target.of("anthropic", "claude-sonnet-4-5");

  private FakeLlmServer primary;
  private FakeLlmServer fallback;
  private VirtualScheduler time;
  private LlmRuntime runtime;
  private final List<CallEvent.AttemptEnded> attempts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    primary = FakeLlmServer.start();
    fallback = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = runtime(LlmRuntime.builder());
  }

  private LlmRuntime runtime(LlmRuntime.Builder b) {
    return b.provider(ProviderConfig.openAi("k-primary").withBaseUrl(primary.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-fallback").withBaseUrl(fallback.anthropicBaseUrl()))
        .scheduler(time)
        .retryPolicy("chain", POLICY)
        .defaultRetryPolicy("chain")
        .defaultCircuitBreaker(CircuitBreakerConfig.builder().failureThreshold(3).build())
        .streamTimeouts(new StreamTimeouts(
            Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)))
        .listener(new CallEventListener() {
          @Override
          public void onAttemptEnded(CallEvent.AttemptEnded e) {
            attempts.add(e);
          }
        })
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    primary.close();
    fallback.close();
  }

  private static CallSite chat() {
    return CallSite.of("Assistant.chat", "openai", "gpt-4o-mini")
        .fallback(Fallback.of("chat", CLAUDE));
  }

  private BoundCall bind(CallSite site) {
    return runtime.bind(site);
  }

  @Test
  void eachAttemptIsPricedAtItsOwnTargetsModel() {
    runtime.close();
    runtime = runtime(LlmRuntime.builder()
        .price("gpt-4o-mini", ModelPrice.perMillion("1", "2"))
        .price("claude-sonnet-4-5", ModelPrice.perMillion("10", "20")));
    // A tool round on the primary (billed at its price), then the primary fails for good.
    primary.enqueue(FakeReply.toolCall("c1", "lookup", "{}").usage(1_000_000, 1_000_000))
        .enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.text("from claude").model("claude-sonnet-4-5").usage(1_000_000, 0));
    Tools tools = Tools.of(List.of(ToolDefinition.of("lookup", "Looks it up", "{\"type\":\"object\"}")),
        (name, args, v) -> "found");

    LlmResponse<String> r = bind(chat()).call(Request.of(null, "hi").tools(tools));

    assertEquals("from claude", r.value());
    // 1 M in and 1 M out at the primary's price (1 + 2), 1 M in at the fallback's (10)
    assertEquals(0, new java.math.BigDecimal("13").compareTo(r.cost().total()), r.cost().toString());
  }

  @Test
  void aCallsModelOverrideGoesToTheMethodsOwnTargetOnly() {
    primary.enqueue(FakeReply.text("from 4.1"))
        .enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.text("from claude"));
    BoundCall c = bind(chat());

    assertEquals("from 4.1", c.text(Request.of(null, "hi").model("gpt-4.1")));
    assertEquals("gpt-4.1", primary.takeRequest().json().path("model").asText());

    assertEquals("from claude", c.text(Request.of(null, "hi").model("gpt-4.1")));
    assertEquals("gpt-4.1", primary.takeRequest().json().path("model").asText());
    assertEquals("claude-sonnet-4-5", fallback.takeRequest().json().path("model").asText(),
        "a fallback target keeps its own model");
  }

  @Test
  void primaryFailsUntilItsRetriesAreSpentThenTheFallbackAnswers() {
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.text("from claude").model("claude-sonnet-4-5"));

    LlmResponse<String> r = bind(chat()).call(null, "hi");

    assertEquals("from claude", r.value());
    assertEquals("anthropic", r.provider());
    assertEquals("claude-sonnet-4-5", r.model());
    assertEquals(3, primary.requestCount());
    assertEquals(1, fallback.requestCount());
    List<Attempt> h = r.history();
    assertEquals(4, h.size());
    assertEquals("openai", h.get(0).provider());
    assertEquals("gpt-4o-mini", h.get(0).model());
    assertEquals(WaitSource.BACKOFF, h.get(1).waitSource());
    assertEquals(WaitSource.FALLBACK, h.get(2).waitSource(), "moved on with no wait");
    assertEquals(Duration.ZERO, h.get(2).waitAfter());
    assertEquals("anthropic", h.get(3).provider());
    assertEquals("claude-sonnet-4-5", h.get(3).model());
    assertTrue(h.get(3).succeeded());
    // the fallback got its own wire's request, its own key
    var request = fallback.takeRequest();
    assertEquals("/v1/messages", request.path());
    assertEquals("k-fallback", request.header("x-api-key"));
    assertEquals("claude-sonnet-4-5", request.json().path("model").asText());
    // the events carry the target of each attempt
    assertEquals(List.of("openai/gpt-4o-mini", "openai/gpt-4o-mini", "openai/gpt-4o-mini",
        "anthropic/claude-sonnet-4-5"), attempts.stream()
            .map(e -> e.provider() + "/" + e.model()).toList());
  }

  @Test
  void asyncCallsFallBackToo() throws Exception {
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.text("async claude"));

    assertEquals("async claude", bind(chat()).textAsync(null, "hi").get(20, TimeUnit.SECONDS));
    assertEquals(1, fallback.requestCount());
  }

  @Test
  void anOpenBreakerSendsNoTrafficToThePrimary() {
    BoundCall c = bind(chat().circuitBreaker("openai"));
    for (int i = 0; i < 3; i++) {
      primary.enqueue(FakeReply.status(503));
    }
    fallback.enqueue(FakeReply.text("first"));
    c.call(null, "hi"); // 3 failures open the primary's breaker; the third moves on at once
    assertEquals(State.OPEN, runtime.circuitBreaker("openai").state());
    primary.clearRequests();
    int sent = primary.requestCount();

    fallback.enqueue(FakeReply.text("second"));
    LlmResponse<String> r = c.call(null, "hi");

    assertEquals("second", r.value());
    assertEquals(sent, primary.requestCount(), "no traffic to a target whose breaker is open");
    assertEquals(1, r.attempts());
    assertEquals("anthropic", r.history().get(0).provider());
    // the fallback target is behind the breaker named after its own provider
    assertEquals(State.CLOSED, runtime.circuitBreaker("anthropic").state());
    assertTrue(runtime.circuitBreakers().stream().anyMatch(b -> b.name().equals("anthropic")));
  }

  @Test
  void quotaExhaustionOnThePrimaryMovesOnAtOnce() {
    primary.enqueue(FakeReply.error(429, "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details."));
    fallback.enqueue(FakeReply.text("paid for elsewhere"));

    LlmResponse<String> r = bind(chat()).call(null, "hi");

    assertEquals("paid for elsewhere", r.value());
    assertEquals(1, primary.requestCount(), "quota is not retried on the same target");
    assertEquals(ErrorCategory.RATE_LIMIT, r.history().get(0).failure());
    assertEquals(WaitSource.FALLBACK, r.history().get(0).waitSource());
    assertTrue(time.waits().stream().allMatch(Duration::isZero), "no wait: " + time.waits());
  }

  @Test
  void aSpentRateBudgetThatWouldPassTheDeadlineMovesOnWithoutTraffic() {
    BoundCall c = bind(chat());
    primary.enqueue(FakeReply.text("first").header("x-ratelimit-limit-requests", "1")
        .header("x-ratelimit-remaining-requests", "0").header("x-ratelimit-reset-requests", "60s"));
    assertEquals("first", c.text(null, "hi"));
    fallback.enqueue(FakeReply.text("second"));

    LlmResponse<String> r = c.call(null, "hi"); // the budget is back in 60 s, the call has 10 s

    assertEquals("second", r.value());
    assertEquals(1, primary.requestCount(), "no 429 earned on the primary");
    assertEquals(1, r.attempts());
    assertEquals("anthropic", r.history().get(0).provider());
  }

  @Test
  void callersOwnMistakesDoNotFallBack() {
    BoundCall c = bind(chat());
    primary.enqueue(FakeReply.status(401));
    LlmException auth = assertThrows(LlmException.class, () -> c.call(null, "hi"));
    assertEquals(ErrorCategory.AUTHENTICATION, auth.category());
    primary.enqueue(FakeReply.error(400, "invalid_request_error", "Unrecognized request argument"));
    LlmException bad = assertThrows(LlmException.class, () -> c.call(null, "hi"));
    assertEquals(ErrorCategory.VALIDATION, bad.category());

    assertEquals(0, fallback.requestCount());
    assertEquals("openai", bad.provider());
  }

  @Test
  void callersMistakesFallBackWhenTheChainSaysSo() {
    BoundCall c = bind(CallSite.of("Assistant.chat", "openai", "gpt-4o-mini")
        .fallback(Fallback.of("chat", CLAUDE).on(Fallback.On.AUTHENTICATION)));
    primary.enqueue(FakeReply.status(401));
    fallback.enqueue(FakeReply.text("other key"));
    assertEquals("other key", c.text(null, "hi"));
  }

  @Test
  void aPromptTooLongMovesOnlyToALargerContextTarget() {
    Target small = Target.of("anthropic", "claude-haiku");
    Target large = Target.of("anthropic", "claude-sonnet-4-5").withLargerContext();
    BoundCall c = bind(CallSite.of("Assistant.chat", "openai", "gpt-4o-mini")
        .fallback(Fallback.of("chat", small, large).on(Fallback.On.CONTEXT_LENGTH)));
    primary.enqueue(FakeReply.error(400, "context_length_exceeded",
        "This model's maximum context length is 128000 tokens."));
    fallback.enqueue(FakeReply.text("long read"));

    LlmResponse<String> r = c.call(null, "a very long prompt");

    assertEquals("long read", r.value());
    assertEquals("claude-sonnet-4-5", fallback.takeRequest().json().path("model").asText());
    assertEquals(1, fallback.requestCount(), "the smaller target was skipped");
  }

  @Test
  void theDeadlineIsSharedByTheWholeChain() {
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("too late"));
    long start = time.nanoTime();

    LlmException e = assertThrows(LlmException.class, () -> bind(chat()).call(null, "hi"));

    // 3 attempts on the primary took 8 s of the 10; the fallback's first retry (4 s) would pass it
    assertEquals(Duration.ofSeconds(8), Duration.ofNanos(time.nanoTime() - start));
    assertEquals(4, e.attempts());
    assertEquals(1, fallback.requestCount());
    assertEquals("anthropic", e.provider());
    assertEquals("anthropic", e.history().get(3).provider());
    assertTrue(e.getMessage().contains("deadline"), e.getMessage());
  }

  @Test
  void structuredOutputWorksOnTheFallbackWithTheOtherWire() {
    primary.enqueue(FakeReply.error(429, "insufficient_quota", "You exceeded your current quota"));
    fallback.enqueue(FakeReply.text("x").body("{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\","
        + "\"id\":\"toolu_1\",\"name\":\"Person\",\"input\":{\"name\":\"Ada\",\"age\":36}}],"
        + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":50,\"output_tokens\":20}}"));

    LlmResponse<Person> r = bind(chat()).structured(null, "Who?", StructuredOutputTest.PERSON);

    assertEquals(new Person("Ada", 36), r.value());
    assertEquals("anthropic", r.provider());
    JsonNode openAi = primary.takeRequest().json();
    assertEquals("json_schema", openAi.path("response_format").path("type").asText());
    JsonNode anthropic = fallback.takeRequest().json();
    assertEquals(StructuredOutputTest.SCHEMA,
        anthropic.path("tools").path(0).path("input_schema").toString());
    assertEquals("Person", anthropic.path("tool_choice").path("name").asText());
  }

  @Test
  void aStreamFallsBackBeforeItsFirstToken() {
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    fallback.enqueue(FakeReply.stream("Once ", "upon ", "a time."));

    LlmStream s = bind(chat()).stream(null, "story");
    List<String> chunks = s.text().toList();

    assertEquals("Once upon a time.", String.join("", chunks));
    LlmResponse<String> r = s.response();
    assertEquals("anthropic", r.provider());
    assertEquals(4, r.attempts());
    assertEquals("text/event-stream", fallback.takeRequest().header("Accept"));
  }

  @Test
  void aPublisherFallsBackBeforeItsFirstToken() throws Exception {
    primary.enqueue(FakeReply.error(429, "insufficient_quota", "You exceeded your current quota"));
    fallback.enqueue(FakeReply.stream("pushed ", "by claude"));
    StringBuilder text = new StringBuilder();
    CompletableFuture<Void> done = new CompletableFuture<>();

    bind(chat()).publisher(null, "story").subscribe(new Flow.Subscriber<String>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String chunk) {
        text.append(chunk);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });

    done.get(20, TimeUnit.SECONDS);
    assertEquals("pushed by claude", text.toString());
    assertEquals(1, primary.requestCount());
  }

  @Test
  void aChainMovesOnFromAnOpenBreakerEvenWhenThePolicyWouldWaitForIt() {
    BoundCall c = bind(chat().retryPolicy("high-availability").circuitBreaker("openai"));
    runtime.circuitBreaker("openai").reconfigure(
        CircuitBreakerConfig.builder().failureThreshold(2).build());
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("never"));
    fallback.enqueue(FakeReply.text("at once"));

    LlmResponse<String> r = c.call(null, "hi");

    assertEquals("at once", r.value());
    assertEquals(2, primary.requestCount(), "the failure that opened the breaker was the last");
    assertEquals(WaitSource.FALLBACK, r.history().get(1).waitSource());
    assertFalse(time.waits().stream().anyMatch(d -> d.compareTo(Duration.ofSeconds(1)) > 0),
        "no wait for the open breaker: " + time.waits());
  }

  @Test
  void aStreamDoesNotFallBackAfterContent() {
    primary.enqueue(FakeReply.stream("Once ", "upon").errorAfter(2, "server_error", "boom"));
    fallback.enqueue(FakeReply.stream("never"));

    LlmStream s = bind(chat()).stream(null, "story");
    List<String> chunks = new ArrayList<>();
    LlmException e = assertThrows(LlmException.class, () -> s.text().forEach(chunks::add));

    assertEquals(List.of("Once "), chunks);
    assertEquals("Once ", e.partialText().orElseThrow());
    assertEquals("openai", e.provider());
    assertEquals(0, fallback.requestCount());
  }

  @Test
  void aRouteSetAtRunTimeReplacesTheChainByNamePrimaryIncluded() {
    runtime.close();
    runtime = runtime(LlmRuntime.builder()
        .route("chat", List.of(CLAUDE, Target.of("openai", "gpt-4o"))));
    fallback.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    primary.enqueue(FakeReply.text("rerouted"));

    LlmResponse<String> r = bind(chat().circuitBreaker("openai")).call(null, "hi");

    assertEquals("rerouted", r.value());
    assertEquals(3, fallback.requestCount(), "the route's first target is tried first");
    assertEquals("gpt-4o", primary.takeRequest().json().path("model").asText());
    assertEquals("openai", r.provider());
    assertEquals("claude-sonnet-4-5", r.history().get(0).model());
    assertEquals("anthropic", attempts.get(0).call().provider(), "the call starts at the route's first");
    assertEquals("anthropic", attempts.get(0).call().circuitBreaker());
    assertEquals(State.OPEN, runtime.circuitBreaker("anthropic").state(), "each target its own");
    assertEquals(State.CLOSED, runtime.circuitBreaker("openai").state());
    assertEquals("gpt-4o", r.history().get(3).model());
  }

  @Test
  void aMethodWithoutAChainIsAsBefore() {
    primary.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(503));
    LlmException e = assertThrows(LlmException.class,
        () -> bind(CallSite.of("Assistant.plain", "openai", "gpt-4o-mini")).call(null, "hi"));
    assertEquals(3, e.attempts());
    assertEquals(0, fallback.requestCount());
    assertFalse(e.history().stream().anyMatch(a -> a.waitSource() == WaitSource.FALLBACK));
    assertNull(new Attempt(1, null, 200, Duration.ZERO, Duration.ZERO, WaitSource.NONE, null)
        .provider(), "the shorter constructor still compiles, without a target");
  }
}
