package dev.llmcall.runtime;

import dev.llmcall.runtime.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A scheduler whose waits take no real time: each wait moves virtual time forward and is recorded. */
public final class VirtualScheduler implements Scheduler {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public CompletableFuture<Void> after(Duration duration) {
    sleep(duration);
    return CompletableFuture.completedFuture(null);
  }

  /** Moves virtual time forward without a recorded wait, as if an attempt took this long. */
  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Every wait so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
