package dev.llmcall.example;

import dev.llmcall.runtime.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Waits that take no real time: each moves a virtual clock and is recorded. */
final class VirtualTime implements Scheduler {
  private final AtomicLong nanos = new AtomicLong();
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

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
