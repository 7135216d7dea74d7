package dev.llmcall.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probing an OPEN breaker's provider, driven by hand: no real waiting. */
class HealthCheckerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  /** Records what was scheduled; the test runs it. */
  private static final class ManualTimer implements HealthChecker.Timer {
    final List<Duration> delays = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
      delays.add(delay);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final AtomicLong nanos = new AtomicLong();
  private FakeLlmServer server;
  private HttpTransport transport;
  private ManualTimer timer;
  private HealthChecker checker;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    transport = HttpTransport.create(Duration.ofSeconds(5), Duration.ofSeconds(5));
    timer = new ManualTimer();
    checker = new HealthChecker(transport, timer);
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
  void openingSchedulesAProbeAfterTheInterval() {
    open(breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT));
    assertEquals(List.of(INTERVAL), timer.delays);
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
    assertEquals(List.of(INTERVAL, INTERVAL), timer.delays);
  }

  @Test
  void withoutAnIntervalNothingIsProbed() {
    open(breaker(null, ProviderConfig.Wire.OPENAI_CHAT));
    assertTrue(timer.delays.isEmpty());
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
  void closeStopsProbingAndTheTimer() throws Exception {
    DefaultCircuitBreaker breaker = breaker(INTERVAL, ProviderConfig.Wire.OPENAI_CHAT);
    checker.close();
    assertTrue(timer.closed);
    open(breaker);
    assertTrue(timer.delays.isEmpty());
    checker.probe(breaker).get(10, TimeUnit.SECONDS);
    assertEquals(0, server.requestCount());
  }

  @Test
  void realTimerThreadEndsOnClose() throws Exception {
    HealthChecker real = HealthChecker.create(transport);
    DefaultCircuitBreaker breaker = new DefaultCircuitBreaker("x", CircuitBreakerConfig.builder()
        .failureThreshold(1).healthCheckInterval(Duration.ofHours(1)).build(), nanos::get);
    real.watch(breaker, new Endpoint("openai", ProviderConfig.Wire.OPENAI_CHAT, server.openAiBaseUrl(), null));
    open(breaker);
    Thread thread = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("llmcall-health-check")).findFirst().orElseThrow();
    assertTrue(thread.isDaemon());
    real.close();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.isAlive());
  }
}
