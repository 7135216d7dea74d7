package dev.llmcall.runtime.internal.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probing an OPEN breaker's provider, on virtual time: no real waiting. */
class HealthCheckerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong();
  private FakeLlmServer server;
  private HttpTransport transport;
  private VirtualScheduler time;
  private HealthChecker checker;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    transport = HttpTransport.create(Duration.ofSeconds(5), Duration.ofSeconds(5),
        HttpTransport.DEFAULT_MAX_RESPONSE_BYTES, time);
    checker = new HealthChecker(transport, time);
  }

  @AfterEach
  void stop() {
    checker.close();
    transport.close();
    server.close();
  }

  private DefaultCircuitBreaker breaker(Duration interval, ProviderConfig.Wire wire) {
    DefaultCircuitBreaker breaker = new DefaultCircuitBreaker("openai", CircuitBreakerConfig.builder()
        .failureThreshold(1).healthCheckInterval(interval).build(), nanos::get);
    Endpoint endpoint = wire == ProviderConfig.Wire.OPENAI_CHAT
        ? new Endpoint("openai", wire, server.openAiBaseUrl(), "sk-probe-key")
        : new Endpoint("anthropic", wire, server.anthropicBaseUrl(), "sk-ant-probe-key");
    checker.watch(breaker, endpoint);
    return breaker;
  }

  private static void open(DefaultCircuitBreaker breaker) {
    breaker.onFailure(breaker.acquire(), 1_000, null);
    assertEquals(State.OPEN, breaker.state());
  }

  @Test
  void openingSchedulesAProbeAfterTheInterval() throws Exception {
    open(breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT));
    assertEquals(1, time.pendingTimers());
    time.advance(INTERVAL.minusMillis(1));
    assertEquals(0, server.requestCount());
    time.advance(Duration.ofMillis(1)); // the probe goes out on the scheduler's timer
    assertEquals("/v1/models", server.takeRequest().path());
  }

  @Test
  void successfulProbeHalfOpensTheBreakerWithoutAUserCall() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT);
    open(breaker);
    checker.probe(breaker).get(10, TimeUnit.SECONDS);

    assertEquals(State.HALF_OPEN, breaker.state());
    RecordedRequest probe = server.takeRequest();
    assertEquals("GET", probe.method());
    assertEquals("/v1/models", probe.path());
    assertEquals("Bearer sk-probe-key", probe.header("authorization"));
  }

  @Test
  void anthropicProbeUsesItsHeaders() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.ANTHROPIC_MESSAGES);
    open(breaker);
    checker.probe(breaker).get(10, TimeUnit.SECONDS);
    RecordedRequest probe = server.takeRequest();
    assertEquals("sk-ant-probe-key", probe.header("x-api-key"));
    assertEquals("2023-06-01", probe.header("anthropic-version"));
  }

  @Test
  void failedProbeKeepsItOpenAndSchedulesTheNext() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT);
    open(breaker);
    server.enqueue(FakeReply.status(503));
    checker.probe(breaker).get(10, TimeUnit.SECONDS);

    assertEquals(State.OPEN, breaker.state());
    server.takeRequest();
    time.advance(INTERVAL); // the next probe, and the first one's timer, which was run by hand
    assertEquals("/v1/models", server.takeRequest().path());
    assertEquals(State.HALF_OPEN, awaitState(breaker, State.HALF_OPEN));
  }

  private static State awaitState(DefaultCircuitBreaker breaker, State wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (breaker.state() != wanted && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return breaker.state();
  }

  @Test
  void withoutAnIntervalNothingIsProbed() {
    open(breaker(null, ProviderConfig.Wire.OPENAI_CHAT));
    assertEquals(0, time.pendingTimers());
    assertEquals(0, server.requestCount());
  }

  @Test
  void aBreakerThatIsNoLongerOpenIsNotProbed() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT);
    open(breaker);
    breaker.reset();
    checker.probe(breaker).get(10, TimeUnit.SECONDS);
    assertEquals(0, server.requestCount());
  }

  @Test
  void closeCancelsThePendingProbeAndStopsProbing() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT);
    open(breaker);
    assertEquals(1, time.pendingTimers());
    checker.close();
    assertEquals(0, time.pendingTimers());
    checker.probe(breaker).get(10, TimeUnit.SECONDS);
    assertEquals(0, server.requestCount());
  }
}
