package dev.llmcall.bench;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.internal.call.RetryDecision;
import dev.llmcall.runtime.internal.failure.Classification;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The retry decision's cost: backoff with jitter, and a provider hint within the cap. Comparable
 * reliability layers promise under 0.01 ms (10,000 ns) per decision.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RetryDecisionBenchmark {
  private final RetryPolicy policy = RetryPolicy.defaults();
  private final SplittableRandom random = new SplittableRandom(42);
  private final long remaining = Duration.ofMinutes(5).toNanos();
  private final Classification serverError =
      new Classification(ErrorCategory.SERVER_ERROR, true, null, "HTTP 503", null);
  private final Classification hinted =
      new Classification(ErrorCategory.RATE_LIMIT, true, Duration.ofSeconds(2), "HTTP 429", null);

  @Benchmark
  public RetryDecision backoff() {
    return RetryDecision.decide(policy, serverError, 2, remaining, random);
  }

  @Benchmark
  public RetryDecision retryAfterHint() {
    return RetryDecision.decide(policy, hinted, 1, remaining, random);
  }
}
