package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.CallSite.Fallback;
import dev.llmcall.runtime.spi.CallSite.Hedge;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hedged first tokens (#13): a stream whose first token is late also goes to the next target of
 * its chain, and the first to deliver content wins. The primary speaks OpenAI's wire, the next
 * target Anthropic's; the stream clocks and the hedge delay run on virtual time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HedgeTest {
  private static final Target CLAUDE = Target.of("anthropic", "claude-sonnet-4-5");
  private static final Duration AFTER = Duration.ofSeconds(2);
  /** A primary that sends its headers and no content, and notices at once when the client leaves. */
  private static final FakeReply STALLED =
      FakeReply.stream("never").stallAfter(1).keepAlive(Duration.ofMillis(10));

  private FakeLlmServer primary;
  private FakeLlmServer secondary;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    primary = FakeLlmServer.start();
    secondary = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = runtime(b -> b.hedgeBudget(RetryBudget.unlimited()));
  }

  private LlmRuntime runtime(UnaryOperator<LlmRuntime.Builder> config) {
    if (runtime != null) {
      runtime.close();
    }
    return config.apply(LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-primary").withBaseUrl(primary.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-secondary").withBaseUrl(secondary.anthropicBaseUrl()))
        .scheduler(time)
        .defaultCircuitBreaker(CircuitBreakerConfig.builder().failureThreshold(3).build())
        .streamTimeouts(new StreamTimeouts(
            Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5))))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    primary.close();
    secondary.close();
  }

  private static CallSite story() {
    return CallSite.of("Assistant.story", "openai", "gpt-4o-mini").circuitBreaker("openai")
        .fallback(Fallback.of("story", CLAUDE))
        .hedge(Hedge.after(AFTER));
  }

  private BoundCall bind(CallSite site) {
    return runtime.bind(site);
  }

  private CallMetrics metrics() {
    return runtime.metrics().stream().filter(m -> m.method().equals("Assistant.story"))
        .findFirst().orElseThrow();
  }

  @Test
  void aStallingPrimaryLosesToAFastSecondaryWhoseTextIsTheStream() {
    primary.enqueue(STALLED);
    secondary.enqueue(FakeReply.text("from claude").model("claude-sonnet-4-5"));

    LlmStream s = bind(story()).stream(null, "tell me");
    time.advance(AFTER);
    LlmResponse<String> r = s.response();

    assertEquals("from claude", r.value());
    assertEquals("anthropic", r.provider());
    List<Attempt> h = r.history();
    assertEquals(2, h.size(), h.toString());
    assertEquals("openai", h.get(0).provider());
    assertEquals(ErrorCategory.TIMEOUT, h.get(0).failure(), "the primary lost the race");
    assertEquals(WaitSource.HEDGE, h.get(0).waitSource());
    assertEquals("anthropic", h.get(1).provider());
    assertTrue(h.get(1).succeeded());
    // the loser's connection was closed: the server's next keep-alive found the client gone
    awaitTrue(() -> primary.abandonedStreams() == 1);
    assertEquals(1, secondary.requestCount());
    assertEquals("k-secondary", secondary.takeRequest().header("x-api-key"));
    assertEquals(1, metrics().hedges());
    assertEquals(1, metrics().hedgesWon());
    assertEquals(0, metrics().successesAfterRetry(), "a lost race is no failure retried");
    assertEquals(2, metrics().attempts());
    // the loser's breaker permit went back uncounted, the winner's counted once
    assertEquals(0, runtime.circuitBreaker("openai").metrics().callsInWindow());
    assertEquals(1, runtime.circuitBreaker("anthropic").metrics().callsInWindow());
  }

  @Test
  void aPrimaryThatSendsNoHeadersDoesNotHoldTheCallerWhileTheHedgeWins() {
    primary.enqueue(FakeReply.stream("too late").delay(Duration.ofSeconds(3))); // real time
    secondary.enqueue(FakeReply.text("from claude"));

    LlmStream s = bind(story()).stream(null, "tell me"); // returns before the primary's headers
    time.advance(AFTER);

    assertEquals("from claude", s.response().value());
    assertEquals(1, metrics().hedgesWon());
  }

  @Test
  void everyPermitComesBackSoABulkheadOfOneLetsTheNextCallsThrough() {
    runtime = runtime(b -> b.hedgeBudget(RetryBudget.unlimited())
        .rateShaping(RateShaping.DEFAULT.withBulkhead(1, 1).withMaxQueued(0)));
    primary.enqueue(STALLED);
    secondary.enqueue(FakeReply.text("hedged"));
    LlmStream s = bind(story()).stream(null, "one");
    time.advance(AFTER);
    assertEquals("hedged", s.response().value());
    awaitTrue(() -> primary.abandonedStreams() == 1);

    // nothing may wait: a permit the race leaked would fail these at once as RATE_LIMIT
    primary.enqueue(FakeReply.text("primary again"));
    assertEquals("primary again", bind(story()).stream(null, "two").response().value());
    secondary.enqueue(FakeReply.text("secondary again"));
    CallSite claude = CallSite.of("Assistant.claude", "anthropic", "claude-sonnet-4-5");
    assertEquals("secondary again", bind(claude).stream(null, "three").response().value());
  }

  @Test
  void thePrimaryDeliveringFirstCancelsTheHedge() {
    // the primary's content comes 600 ms (real) after its headers; the hedge stalls
    primary.enqueue(FakeReply.stream("primary ", "wins").chunkDelay(Duration.ofMillis(600)));
    secondary.enqueue(STALLED);

    LlmStream s = bind(story()).stream(null, "tell me");
    time.advance(AFTER);
    awaitTrue(() -> secondary.requestCount() == 1); // the hedge went out before the content came
    LlmResponse<String> r = s.response();

    assertEquals("primary wins", r.value());
    assertEquals("openai", r.provider());
    List<Attempt> h = r.history();
    assertEquals(2, h.size(), h.toString());
    assertEquals("anthropic", h.get(0).provider(), "the hedge lost the race");
    assertEquals(ErrorCategory.TIMEOUT, h.get(0).failure());
    assertEquals(WaitSource.HEDGE, h.get(0).waitSource());
    assertTrue(h.get(1).succeeded());
    awaitTrue(() -> secondary.abandonedStreams() == 1);
    assertEquals(1, metrics().hedges());
    assertEquals(0, metrics().hedgesWon());
    assertEquals(0, runtime.circuitBreaker("anthropic").metrics().callsInWindow());
  }

  @Test
  void aFailingHedgeLeavesTheStreamToThePrimary() {
    primary.enqueue(FakeReply.stream("slow ", "but sure").chunkDelay(Duration.ofMillis(600)));
    secondary.enqueue(FakeReply.status(503));

    LlmStream s = bind(story()).stream(null, "tell me");
    time.advance(AFTER);
    LlmResponse<String> r = s.response();

    assertEquals("slow but sure", r.value());
    assertEquals(ErrorCategory.SERVER_ERROR, r.history().get(0).failure());
    assertEquals("anthropic", r.history().get(0).provider());
    assertEquals(WaitSource.HEDGE, r.history().get(0).waitSource());
    assertEquals(1, runtime.circuitBreaker("anthropic").metrics().failuresInWindow(),
        "a hedge's own failure counts against its target");
  }

  @Test
  void aPrimaryThatFailsWhileItsHedgeRunsGivesWay() {
    primary.enqueue(FakeReply.stream("never").cutAfter(1).chunkDelay(Duration.ofMillis(600)));
    secondary.enqueue(FakeReply.stream("the ", "hedge").chunkDelay(Duration.ofMillis(800)));

    LlmStream s = bind(story()).stream(null, "tell me");
    time.advance(AFTER);
    LlmResponse<String> r = s.response();

    assertEquals("the hedge", r.value());
    assertEquals(1, primary.requestCount(), "not retried: the hedge carries the call");
    assertEquals(ErrorCategory.NETWORK, r.history().get(0).failure());
    assertEquals(WaitSource.HEDGE, r.history().get(0).waitSource());
    assertEquals("anthropic", r.history().get(1).provider());
  }

  @Test
  void noHedgeBeforeTheDelay() {
    primary.enqueue(STALLED);
    LlmStream s = bind(story()).stream(null, "tell me");
    time.advance(AFTER.minusMillis(300));
    sweepsRan();
    assertNoHedge("the delay did not pass");
    s.close();
  }

  @Test
  void noHedgeAfterContent() {
    primary.enqueue(FakeReply.stream("first ", "second").stallAfter(2).keepAlive(Duration.ofMillis(10)));
    LlmStream s = bind(story()).stream(null, "tell me");
    Iterator<String> it = s.iterator();
    assertEquals("first ", it.next());
    time.advance(AFTER.multipliedBy(3));
    sweepsRan();
    assertNoHedge("a stream with content is never hedged");
    s.close();
  }

  @Test
  void noHedgeAfterAToolCall() {
    Tools tools = Tools.of(List.of(ToolDefinition.of("forecast", "The forecast for a city",
        "{\"type\":\"object\"}")), (name, args, v) -> "rain");
    primary.enqueue(FakeReply.toolCall("call_1", "forecast", "{\"city\":\"Paris\"}"))
        .enqueue(STALLED); // the next round, after the tool ran, has no first token
    LlmStream s = bind(story()).stream(Request.of(null, "Umbrella?").tools(tools));
    awaitTrue(() -> primary.requestCount() == 2);
    time.advance(AFTER.multipliedBy(3));
    sweepsRan();
    assertNoHedge("a tool call is content: no hedge after it");
    s.close();
  }

  @Test
  void noHedgeWithoutAChain() {
    CallSite alone = CallSite.of("Assistant.story", "openai", "gpt-4o-mini").hedge(Hedge.after(AFTER));
    primary.enqueue(STALLED);
    LlmStream s = bind(alone).stream(null, "tell me");
    time.advance(AFTER.multipliedBy(3));
    sweepsRan();
    assertNoHedge("no next target");
    s.close();
  }

  @Test
  void aQuietMethodIsHedgedWithTheDefaultBudget() {
    runtime = runtime(b -> b); // the default: 10% of the last 10 s, plus one a second
    primary.enqueue(STALLED);
    secondary.enqueue(FakeReply.text("hedged"));
    LlmStream s = bind(story()).stream(null, "the only call");
    time.advance(AFTER);
    assertEquals("hedged", s.response().value());
    assertEquals(1, metrics().hedges());
  }

  @Test
  void theBudgetCapsHedgesToATenthOfTheCalls() {
    runtime = runtime(b -> b.hedgeBudget(new RetryBudget(0.1, 0, Duration.ofSeconds(10))));
    BoundCall c = bind(story());
    int calls = 40;
    List<LlmStream> streams = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      primary.enqueue(STALLED);
      secondary.enqueue(FakeReply.text("hedged"));
      streams.add(c.stream(null, "call " + i));
    }
    time.advance(AFTER);
    for (int i = 0; i < calls / 10; i++) {
      secondary.takeRequest();
    }
    time.advance(Duration.ofMillis(500));
    sweepsRan();

    assertNoHedge("10% of 40 calls: 4 hedges, no more");
    assertEquals(calls / 10, secondary.requestCount());
    assertEquals(calls / 10, metrics().hedges());
    streams.forEach(LlmStream::close);
  }

  @Test
  void theObservedP95OfTheFirstTokenTakesOverAfterEnoughSamples() {
    CallSite p95 = story().hedge(Hedge.after(AFTER).percentile(95));
    BoundCall c = bind(p95);
    // Each first token comes 400 ms (virtual) into its attempt: its content comes 50 ms (real)
    // after its headers, and time moves in between.
    for (int i = 0; i < CallSite.Hedge.MIN_SAMPLES; i++) {
      primary.enqueue(FakeReply.stream("ok").chunkDelay(Duration.ofMillis(50)));
      LlmStream s = c.stream(null, "warm " + i);
      time.advance(Duration.ofMillis(400));
      assertEquals("ok", s.response().value());
    }
    assertEquals(0, secondary.requestCount(), "no hedge while warming up: 400 ms < 2 s");

    primary.enqueue(STALLED);
    secondary.enqueue(FakeReply.text("hedged early"));
    LlmStream s = c.stream(null, "slow one");
    time.advance(Duration.ofMillis(500)); // past the p95 of 400 ms, well before the 2 s set
    assertEquals("hedged early", s.response().value());
  }

  @Test
  void everyStreamShapeIsHedged() {
    primary.enqueue(STALLED);
    secondary.enqueue(FakeReply.text("as text"));
    Stream<String> text = bind(story()).textStream(null, "tell me");
    time.advance(AFTER);
    assertEquals("as text", String.join("", text.toList()));
  }

  /**
   * No further request reaches the next target: a hedge starts on the runtime's threads, so this
   * waits a moment of real time for one that must not come.
   */
  private void assertNoHedge(String why) {
    assertThrows(IllegalStateException.class, () -> secondary.takeRequest(Duration.ofMillis(300)),
        why);
  }

  /** Lets one more sweep of the stream clocks run on virtual time. */
  private void sweepsRan() {
    time.advance(Duration.ofMillis(100));
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.onSpinWait();
    }
  }
}
