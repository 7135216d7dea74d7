package dev.llmcall.runtime.internal.shaping;

import dev.llmcall.runtime.RateShaping;
import dev.llmcall.runtime.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One provider's shaping: its budgets (one per key and model), its bulkhead (plain requests and
 * streams in flight, counted apart) and its queue of waiting calls, bounded by {@link
 * RateShaping#maxQueued()}. A call waiting for budget is queued until its wait ends (its end time
 * is kept, so a call that never comes back leaves nothing behind); a call waiting for a permit is
 * queued until a permit is released, which wakes every such waiter to try again, or until its
 * deadline. Thread-safe behind a plain lock, never held across I/O. Internal.
 */
final class Gate {
  final String provider;
  final RateShaping config;
  private final int keyHash;
  private final Scheduler scheduler;
  private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();
  private final PriorityQueue<Long> budgetWaits = new PriorityQueue<>();
  private final List<Waiter> permitWaits = new ArrayList<>();
  private int requests;
  private int streams;

  /** A call waiting for a permit: completed with true when one was released, false at its deadline. */
  private static final class Waiter {
    final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Scheduler.Cancellable timer;
  }

  Gate(String provider, RateShaping config, int keyHash, Scheduler scheduler) {
    this.provider = provider;
    this.config = config;
    this.keyHash = keyHash;
    this.scheduler = scheduler;
  }

  /** The budget of a key (by its hash) and model. */
  Budget budget(int keyHash, String model) {
    String id = keyHash == this.keyHash ? model : model + '#' + keyHash;
    Budget budget = budgets.get(id);
    return budget != null ? budget : budgets.computeIfAbsent(id, k -> new Budget(
        config.requestsPerMinute(), config.tokensPerMinute(), scheduler.nanoTime()));
  }

  /** Whether {@code stream}s (or plain requests) are counted by a bulkhead. */
  boolean bulkhead(boolean stream) {
    return (stream ? config.maxConcurrentStreams() : config.maxConcurrentRequests()) > 0;
  }

  /**
   * A permit for one exchange: {@code null} when taken, a future to wait on when none is free
   * and the queue has room (completed with false at the deadline), or a failed future when the
   * queue is full.
   */
  CompletableFuture<Boolean> acquire(boolean stream, long remainingNanos) {
    Waiter waiter;
    synchronized (this) {
      if (tryAcquire(stream)) {
        return null;
      }
      if (queued() >= config.maxQueued()) {
        return CompletableFuture.failedFuture(new IllegalStateException("queue full"));
      }
      waiter = new Waiter();
      permitWaits.add(waiter);
    }
    Scheduler.Cancellable timer = scheduler.schedule(Duration.ofNanos(remainingNanos), () -> {
      synchronized (this) {
        permitWaits.remove(waiter);
      }
      waiter.ready.complete(false);
    });
    synchronized (this) {
      waiter.timer = timer;
    }
    return waiter.ready;
  }

  /** A permit for one exchange if one is free now; never queued (a hedge does not wait). */
  synchronized boolean tryAcquire(boolean stream) {
    if (stream ? streams >= config.maxConcurrentStreams() : requests >= config.maxConcurrentRequests()) {
      return false;
    }
    if (stream) {
      streams++;
    } else {
      requests++;
    }
    return true;
  }

  /** Gives a permit back, and wakes every call waiting for one to try again. */
  void release(boolean stream) {
    List<Waiter> woken;
    synchronized (this) {
      if (stream) {
        streams--;
      } else {
        requests--;
      }
      if (permitWaits.isEmpty()) {
        return;
      }
      woken = new ArrayList<>(permitWaits);
      permitWaits.clear();
    }
    wake(woken, true);
  }

  /** The runtime closed: every waiting call comes back, to find it closed. */
  void close() {
    List<Waiter> woken;
    synchronized (this) {
      woken = new ArrayList<>(permitWaits);
      permitWaits.clear();
    }
    wake(woken, true);
  }

  private void wake(List<Waiter> woken, boolean freed) {
    for (Waiter w : woken) {
      Scheduler.Cancellable timer;
      synchronized (this) {
        timer = w.timer;
      }
      if (timer != null) {
        timer.cancel();
      }
      w.ready.complete(freed);
    }
  }

  /** Queues a wait for budget until {@code untilNanos}; false when the queue is full. */
  synchronized boolean queueFor(long untilNanos) {
    if (queued() >= config.maxQueued()) {
      return false;
    }
    budgetWaits.add(untilNanos);
    return true;
  }

  /** How many calls wait now: for budget (until their wait ends) and for a permit. */
  private int queued() {
    long now = scheduler.nanoTime();
    while (!budgetWaits.isEmpty() && budgetWaits.peek() <= now) {
      budgetWaits.poll();
    }
    return budgetWaits.size() + permitWaits.size();
  }
}
