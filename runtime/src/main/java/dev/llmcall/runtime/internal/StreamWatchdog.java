package dev.llmcall.runtime.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Watches every live stream of a runtime for its first-token, idle and total timeouts: one daemon
 * thread ticks every {@link #TICK}, instead of a timer per stream and per event. It starts with the
 * first stream and stops with {@link #close()}. Tests call {@link #check()} on a virtual clock.
 * Internal: not part of the API.
 */
public final class StreamWatchdog implements AutoCloseable {
  /** How often timeouts are checked: how late one may fire, at most. */
  static final Duration TICK = Duration.ofMillis(50);

  private final Set<StreamingCall> calls = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanos;
  private final boolean ticking;
  private ScheduledThreadPoolExecutor executor;
  private boolean closed;

  /**
   * @param ticking whether a thread checks by itself; false leaves {@link #check()} to the caller
   */
  public StreamWatchdog(LongSupplier nanos, boolean ticking) {
    this.nanos = nanos;
    this.ticking = ticking;
  }

  void add(StreamingCall call) {
    calls.add(call);
    if (ticking) {
      start();
    }
  }

  void remove(StreamingCall call) {
    calls.remove(call);
  }

  /** How many streams are watched now. */
  public int size() {
    return calls.size();
  }

  /** Checks every stream's clocks once. */
  public void check() {
    long now = nanos.getAsLong();
    for (StreamingCall call : calls) {
      call.checkTimeouts(now);
    }
  }

  private synchronized void start() {
    if (executor != null || closed) {
      return;
    }
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "llmcall-stream-watchdog");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::check, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
