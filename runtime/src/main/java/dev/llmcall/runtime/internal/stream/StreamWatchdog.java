package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.spi.Scheduler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every live stream of a runtime for its first-token, idle and total timeouts: one timer
 * on the runtime's {@link Scheduler} ticks every {@link #TICK} while any stream is live, instead
 * of a timer per stream and per event. On a virtual scheduler it ticks as the test moves time.
 * Internal: not part of the API.
 */
public final class StreamWatchdog implements AutoCloseable {
  /** How often timeouts are checked: how late one may fire, at most. */
  static final Duration TICK = Duration.ofMillis(50);

  private final Set<StreamingCall> calls = ConcurrentHashMap.newKeySet();
  private final Scheduler scheduler;
  private Scheduler.Cancellable tick;
  private boolean closed;

  public StreamWatchdog(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(StreamingCall call) {
    calls.add(call);
    ensureTicking();
  }

  void remove(StreamingCall call) {
    calls.remove(call);
  }

  /** How many streams are watched now. */
  public int size() {
    return calls.size();
  }

  private synchronized void ensureTicking() {
    if (tick == null && !closed) {
      tick = scheduler.schedule(TICK, this::tick);
    }
  }

  private void tick() {
    synchronized (this) {
      tick = null;
    }
    long now = scheduler.nanoTime();
    for (StreamingCall call : calls) {
      call.checkTimeouts(now);
    }
    if (!calls.isEmpty()) {
      ensureTicking();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (tick != null) {
      tick.cancel();
      tick = null;
    }
  }
}
