package dev.llmcall.runtime.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's sense of elapsed time and its way of waiting. The system scheduler uses
 * {@link System#nanoTime()}, {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor};
 * tests pass a virtual one so that retry waits take no real time.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder().scheduler(myVirtualScheduler).build();
 * }</pre>
 */
public interface Scheduler {

  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** A future that completes after {@code duration} without blocking any thread meanwhile. */
  CompletableFuture<Void> after(Duration duration);

  /** Real time. */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }
}

/** The real-time {@link Scheduler}. */
enum SystemScheduler implements Scheduler {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }

  @Override
  public CompletableFuture<Void> after(Duration duration) {
    return CompletableFuture.runAsync(
        () -> { }, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
  }
}
