package dev.llmcall.bench;

import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The circuit breaker's happy path, a CLOSED breaker letting a call through and recording its
 * success, against resilience4j's on the same machine in the same run (issue #4). Both use their
 * defaults: a count window (20 calls for llmcall, 100 for resilience4j), no slow-call rule in the
 * way, no event consumers. The {@code 2Threads} variants share one breaker between two threads,
 * as every method naming the same provider does. Run with {@code -prof gc} for the bytes per
 * call: llmcall's path should allocate none.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CircuitBreakerBenchmark {
  /** What the call pipeline would pass as the attempt's duration. */
  private static final long CALL_NANOS = 250_000_000L;

  private DefaultCircuitBreaker llmcall;
  private CircuitBreaker resilience4j;

  @Setup
  public void setUp() {
    llmcall = new DefaultCircuitBreaker("bench", CircuitBreakerConfig.defaults(), System::nanoTime);
    resilience4j = CircuitBreaker.ofDefaults("bench");
  }

  @Benchmark
  public long llmcallHappyPath() {
    long permit = llmcall.acquire();
    llmcall.onSuccess(permit, CALL_NANOS);
    return permit;
  }

  @Benchmark
  public boolean resilience4jHappyPath() {
    boolean permitted = resilience4j.tryAcquirePermission();
    resilience4j.onSuccess(CALL_NANOS, TimeUnit.NANOSECONDS);
    return permitted;
  }

  @Benchmark
  @Threads(2)
  public long llmcallHappyPath2Threads() {
    return llmcallHappyPath();
  }

  @Benchmark
  @Threads(2)
  public boolean resilience4jHappyPath2Threads() {
    return resilience4jHappyPath();
  }
}
