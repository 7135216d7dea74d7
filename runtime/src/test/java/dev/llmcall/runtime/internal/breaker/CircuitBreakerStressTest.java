package dev.llmcall.runtime.internal.breaker;

import static dev.llmcall.runtime.CircuitBreaker.State.CLOSED;
import static dev.llmcall.runtime.CircuitBreaker.State.HALF_OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads on one breaker, with a virtual clock that one thread moves and another thread
 * pressing the manual controls (issue #4). The listener checks every transition as it arrives;
 * the workers check that a HALF_OPEN period never lets more than {@code halfOpenTrials} trials
 * through. Bounded by call counts, with no sleeps; about a second on two cores.
 */
class CircuitBreakerStressTest {
  private static final int WORKERS = 12;
  private static final int CALLS_PER_WORKER = 30_000;
  private static final int TRIALS = 2;

  private final AtomicLong nanos = new AtomicLong();
  private final DefaultCircuitBreaker breaker = new DefaultCircuitBreaker("stress",
      CircuitBreakerConfig.builder().failureThreshold(4).failureRateThreshold(0.5).minimumCalls(10)
          .window(SlidingWindow.count(20)).openDuration(Duration.ofMillis(2))
          .maxOpenDuration(Duration.ofMillis(16)).halfOpenTrials(TRIALS)
          .maxHalfOpenDuration(Duration.ofMillis(5)).build(),
      nanos::get);
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  /** Trials granted and not given back, per HALF_OPEN period (keyed by its stamp). */
  private final Map<Long, AtomicInteger> trialsByPeriod = new ConcurrentHashMap<>();
  private final AtomicReference<State> lastTo = new AtomicReference<>(CLOSED);
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicBoolean inListener = new AtomicBoolean();
  private final AtomicBoolean workersDone = new AtomicBoolean();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void manyThreadsMakeNoIllegalOrLostTransitionsAndNoExtraTrials() throws Exception {
    breaker.addListener(t -> {
      if (!inListener.compareAndSet(false, true)) {
        problems.add("two listener calls at once");
      }
      if (!BreakerTransitions.isLegal(t.from(), t.to())) {
        problems.add("illegal " + t);
      }
      State previous = lastTo.getAndSet(t.to());
      if (previous != t.from()) {
        problems.add(t + " delivered after a transition to " + previous);
      }
      delivered.incrementAndGet();
      inListener.set(false);
    });

    runAll();

    assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + List.copyOf(problems)
        .subList(0, Math.min(5, problems.size())));
    // Every transition was delivered, and the last one delivered is where the breaker is.
    Map<String, Long> counts = breaker.metrics().transitions();
    assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(), delivered.get());
    assertEquals(breaker.state(), lastTo.get());
    // Epochs went up by exactly one per transition: none was lost, none counted twice.
    breaker.reset();
    assertEquals(delivered.get(), breaker.acquire() >>> BreakerState.STATE_BITS);
    // The run went through the automatic moves, not only the manual ones.
    for (String move : List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "HALF_OPEN->OPEN")) {
      assertTrue(counts.getOrDefault(move, 0L) > 10, () -> move + " too rare: " + counts);
    }
  }

  private void runAll() throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      long seed = i;
      workers.add(thread("worker-" + i, start, () -> work(new SplittableRandom(seed))));
    }
    List<Thread> helpers = List.of(
        thread("clock", start, () -> moveClock(new SplittableRandom(100))),
        thread("controls", start, () -> pressControls(new SplittableRandom(200))));
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    workersDone.set(true);
    for (Thread h : helpers) {
      h.join();
    }
  }

  private Thread thread(String name, CountDownLatch start, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        start.await();
        body.run();
      } catch (Throwable e) {
        problems.add(Thread.currentThread().getName() + " died: " + e);
      }
    }, name);
    t.start();
    return t;
  }

  /** Makes {@code CALLS_PER_WORKER} calls; a rejected one yields to the clock and does not count. */
  private void work(SplittableRandom random) {
    int calls = 0;
    for (int tries = 0; calls < CALLS_PER_WORKER && tries < 100 * CALLS_PER_WORKER; tries++) {
      long permit = breaker.acquire();
      if (permit == DefaultCircuitBreaker.REJECTED) {
        Thread.yield();
        continue;
      }
      calls++;
      AtomicInteger trials = null;
      if (BreakerState.stateOf(permit) == HALF_OPEN) {
        trials = trialsByPeriod.computeIfAbsent(permit, k -> new AtomicInteger());
        int n = trials.incrementAndGet();
        if (n > TRIALS) {
          problems.add(n + " trials in one HALF_OPEN period, at most " + TRIALS + " allowed");
        }
      }
      int roll = random.nextInt(100);
      if (roll < 75) {
        breaker.onSuccess(permit, 1_000);
      } else if (roll < 92) {
        breaker.onFailure(permit, 1_000, random.nextInt(50) == 0 ? Duration.ofMillis(3) : null);
      } else {
        if (trials != null) {
          trials.decrementAndGet(); // before the permit is given back, so the count never lags
        }
        breaker.onIgnored(permit);
      }
    }
  }

  /** Moves time forward in steps of up to 1 ms, and looks at the state now and then. */
  private void moveClock(SplittableRandom random) {
    for (int step = 0; step < 5_000_000 && !workersDone.get(); step++) {
      nanos.addAndGet(random.nextLong(1_000_000));
      if (step % 16 == 0) {
        breaker.state();
      }
      Thread.yield();
    }
  }

  /** Now and then: a reset, a forced open or a disable (each undone), a probe, a new config. */
  private void pressControls(SplittableRandom random) {
    for (int round = 0; round < 300 && !workersDone.get(); round++) {
      for (int i = 0; i < 200; i++) {
        Thread.yield();
      }
      switch (random.nextInt(5)) {
        case 0 -> breaker.reset();
        case 1 -> {
          breaker.forceOpen();
          breaker.reset();
        }
        case 2 -> {
          breaker.disable();
          breaker.reset();
        }
        case 3 -> breaker.onHealthCheckSuccess();
        default -> breaker.reconfigure(breaker.config().toBuilder()
            .failureThreshold(2 + random.nextInt(5)).build());
      }
    }
  }
}
