package dev.llmcall.bench;

import dev.llmcall.bench.e2e.Contender;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Target;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a fallback chain costs on the happy path (issue #13): the same call, in the same JVM and
 * runtime, through a method without a chain ({@code plainCall}) and through one with a chain of
 * two more targets whose primary answers ({@code routedCall}); both with the default retry policy
 * and the "openai" circuit breaker, over an {@link InMemoryHttpClient} that answers at once. The
 * ratio routed / plain is the chain's overhead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RouteBenchmark {
  private static final URI BASE = URI.create("http://in-memory/json/v1");
  private LlmRuntime runtime;
  private BoundCall plain;
  private BoundCall routed;

  @Setup(Level.Trial)
  public void open() {
    runtime = LlmRuntime.builder()
        .httpClient(new InMemoryHttpClient())
        .provider(ProviderConfig.openAi("bench-key").withBaseUrl(BASE))
        .provider(ProviderConfig.anthropic("bench-key").withBaseUrl(BASE))
        .build();
    CallSite site = CallSite.of("BenchAssistant.summarize", "openai", "gpt-4o-mini")
        .circuitBreaker("openai");
    plain = runtime.bind(site);
    routed = runtime.bind(site.fallback(CallSite.Fallback.of("summarize",
        Target.of("anthropic", "claude-sonnet-4-5"), Target.of("openai", "gpt-4o"))));
  }

  @TearDown(Level.Trial)
  public void close() {
    runtime.close();
  }

  @Benchmark
  public String plainCall() {
    return plain.text(null, "Summarize: " + Contender.PROMPT_TEXT);
  }

  @Benchmark
  public String routedCall() {
    return routed.text(null, "Summarize: " + Contender.PROMPT_TEXT);
  }
}
