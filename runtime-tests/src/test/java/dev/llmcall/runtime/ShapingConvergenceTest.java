package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeRateLimit;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several runtimes on one key, as several JVMs would be, against one provider that enforces one
 * per-minute budget and reports it in its headers: they never talk to each other, yet none earns
 * a 429, they use most of the limit, and every wait is bounded by a window (#13).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShapingConvergenceTest {
  private static final int RUNTIMES = 4;
  private static final int CALLS_EACH = 50;

  private FakeLlmServer server;
  private VirtualScheduler time;
  private final List<LlmRuntime> runtimes = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
  }

  @AfterEach
  void stop() {
    runtimes.forEach(LlmRuntime::close);
    server.close();
  }

  /**
   * OpenAI: 40 requests a minute bind. Anthropic: 1,000 output tokens a minute bind (each call asks
   * for up to 100, so 10 calls a minute), read from RFC 3339 resets.
   */
  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void runtimesSharingAKeyConvergeWithoutA429(String provider) {
    boolean anthropic = provider.equals("anthropic");
    FakeRateLimit limit = (anthropic
        ? FakeRateLimit.perMinute(1_000, 0).outputTokens(1_000)
        : FakeRateLimit.perMinute(40, 1_000_000)).time(time, time.clock());
    int perWindow = anthropic ? 10 : 40;
    server.rateLimit(limit);
    List<BoundCall> calls = new ArrayList<>();
    for (int i = 0; i < RUNTIMES; i++) {
      LlmRuntime runtime = LlmRuntime.builder()
          .provider(anthropic
              ? ProviderConfig.anthropic("sk-ant-shared").withBaseUrl(server.anthropicBaseUrl())
              : ProviderConfig.openAi("sk-shared").withBaseUrl(server.openAiBaseUrl()))
          .scheduler(time)
          .clock(time.clock())
          .build();
      runtimes.add(runtime);
      // one attempt: a 429 would fail the call, not hide behind a retry
      calls.add(runtime.bind(CallSite.of("Shared.call", provider, "m").retryPolicy("none").maxTokens(100)));
    }
    long start = time.nanoTime();
    int total = RUNTIMES * CALLS_EACH;
    for (int n = 0; n < total; n++) { // the runtimes take turns, each behind on what the others did
      calls.get(n % RUNTIMES).text(null, "call " + n);
    }
    long elapsed = time.nanoTime() - start;

    assertEquals(0, limit.refused());
    assertEquals(total, limit.served());
    // most of the limit used: the calls needed total / perWindow windows, and took barely more
    List<Long> windows = limit.servedPerWindow();
    double used = (double) total / (perWindow * windows.size());
    assertTrue(used >= 0.9, "used " + used + " of the limit: " + windows);
    assertTrue(elapsed <= Duration.ofMinutes(total / perWindow).plusSeconds(RUNTIMES).toNanos(),
        Duration.ofNanos(elapsed) + " for " + windows);
    for (Duration wait : time.waits()) {
      assertTrue(wait.compareTo(Duration.ofSeconds(61)) <= 0, wait.toString());
    }
    long waits = runtimes.stream().flatMap(r -> r.metrics().stream()).mapToLong(CallMetrics::shapingWaits).sum();
    assertEquals(time.waits().size(), waits);
  }
}
