package dev.llmcall.testkit;

import dev.llmcall.runtime.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Scheduler} on virtual time, so that a test of retries, breakers and stream timeouts
 * takes no real time. Give it to the runtime under test:
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * LlmRuntime runtime = LlmRuntime.builder().scheduler(time).provider(...).build();
 * ... a call that is retried twice ...
 * assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), time.waits());
 * }</pre>
 *
 * <p>Two kinds of waiting, two rules:
 * <ul>
 *   <li>A wait that a call makes ({@link #sleep}, {@link #after}) is recorded and jumps virtual
 *       time forward by its length at once, as if it had been waited out.
 *   <li>A timer ({@link #schedule}: stream clocks, health probes) runs only when virtual time
 *       passes its due time, on the thread that moved time: a wait's jump or {@link #advance}.
 * </ul>
 * Thread-safe.
 */
public final class VirtualScheduler implements Scheduler {
  private final List<Duration> waits = new ArrayList<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private static final long START_NANOS = 1_000_000_000L;
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private long nanos = START_NANOS;
  private long sequence;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (this) {
      waits.add(duration);
    }
    advance(duration);
  }

  @Override
  public CompletableFuture<Void> after(Duration duration) {
    sleep(duration);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    Timer timer = new Timer(nanos + Math.max(0, delay.toNanos()), sequence++, task);
    timers.add(timer);
    return () -> {
      synchronized (this) {
        timers.remove(timer);
      }
    };
  }

  /**
   * Moves virtual time forward by {@code duration}, running every timer that falls due on the way,
   * in order of due time, each with the clock set to its due time. Not recorded as a wait.
   */
  public void advance(Duration duration) {
    long end;
    synchronized (this) {
      end = nanos + duration.toNanos();
    }
    while (true) {
      Timer due;
      synchronized (this) {
        due = timers.peek();
        if (due == null || due.dueNanos > end) {
          nanos = Math.max(nanos, end);
          return;
        }
        timers.poll();
        nanos = Math.max(nanos, due.dueNanos);
      }
      due.task.run(); // outside the lock: a task may schedule again
    }
  }

  /**
   * A wall clock on this virtual time, in UTC: 2026-01-01T00:00:00Z when virtual time is where it
   * started, moving as it moves. Give it to the runtime ({@code LlmRuntime.Builder.clock}) and to
   * a {@link FakeRateLimit}, so that a provider's reset times are read on the same time.
   */
  public Clock clock() {
    return new VirtualClock(ZoneOffset.UTC);
  }

  /** The wall clock of {@link #clock()}, in any zone. */
  private final class VirtualClock extends Clock {
    private final ZoneId zone;

    VirtualClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new VirtualClock(zone);
    }

    @Override
    public Instant instant() {
      return EPOCH.plusNanos(nanoTime() - START_NANOS);
    }
  }

  /** Every wait made through {@link #sleep} or {@link #after} so far, in order. */
  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** How many timers are scheduled and have neither run nor been cancelled. */
  public synchronized int pendingTimers() {
    return timers.size();
  }

  private record Timer(long dueNanos, long sequence, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byTime = Long.compare(dueNanos, other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
