package dev.llmcall.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * E2eMain's concurrency modes (issue #11), the tuned floor and llmcall in one JVM, in turns:
 *
 * <ul>
 *   <li>{@code async}: 64 callers, as 64 threads calling the blocking method, then as 64 calls kept
 *       in flight with futures and no caller threads (llmcall's generated {@code ...Async} method,
 *       the floor's {@code sendAsync}), with the threads each started and their CPU per call.
 *       {@code llmcall-pool16} is a prototype of a runtime change: the future of a blocking call
 *       sent on a bounded pool of 16 threads of its own, instead of {@code HttpClient.sendAsync}.
 *   <li>{@code streams}: N streams opened at once on the push side (llmcall's generated
 *       {@code Flow.Publisher} method, the floor's {@code sendAsync} with a body subscriber), none
 *       with a thread of its own: the peak number of live threads, the threads started, and how
 *       many completed.
 * </ul>
 *
 * Contender names get {@code @cpN} appended when the JVM runs with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=N}, which decides where
 * {@code HttpClient.sendAsync} hands each completion: with a parallelism of 1 (the default on 2
 * cores) {@code CompletableFuture} starts a new thread per task.
 */
final class Concurrency {
  static final int CALLERS = 64;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final String SUFFIX = suffix();

  private Concurrency() {}

  private static String suffix() {
    String p = System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism");
    return p == null ? "" : "@cp" + p;
  }

  static void async(URI jsonBase, URI sseBase, double seconds) throws Exception {
    TunedFloorContender tuned = new TunedFloorContender();
    LlmcallContender llmcall = new LlmcallContender();
    tuned.open(jsonBase, sseBase);
    llmcall.open(jsonBase, sseBase);
    ExecutorService pool16 = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "bounded-send");
      t.setDaemon(true);
      return t;
    });
    long phase = (long) (seconds * 1e9);
    List<Run> runs = List.of(
        new Run("tuned-floor", "sync64", ns -> E2eMain.concurrent(tuned, CALLERS, ns)),
        new Run("tuned-floor", "async64", ns -> inFlight(CALLERS, ns,
            () -> tuned.callAsync(Contender.PROMPT_TEXT))),
        new Run("llmcall", "sync64", ns -> E2eMain.concurrent(llmcall, CALLERS, ns)),
        new Run("llmcall", "async64", ns -> inFlight(CALLERS, ns,
            () -> llmcall.callAsync(Contender.PROMPT_TEXT))),
        new Run("llmcall-pool16", "async64", ns -> inFlight(CALLERS, ns,
            () -> CompletableFuture.supplyAsync(() -> llmcall.call(Contender.PROMPT_TEXT), pool16))));
    // Warm-up: every run, briefly.
    E2eMain.runFor(phase, () -> {
      E2eMain.check(tuned.call(Contender.PROMPT_TEXT));
      E2eMain.check(llmcall.call(Contender.PROMPT_TEXT));
    });
    for (Run r : runs) {
      r.rate().get(phase / 4);
    }
    for (int turn = 0; turn < 2; turn++) {
      for (int i = 0; i < runs.size(); i++) {
        runs.get(turn == 0 ? i : runs.size() - 1 - i).measure(phase);
      }
    }
  }

  interface Rate {
    double get(long nanos) throws Exception;
  }

  /** One way of making calls, timed with its threads and CPU. */
  record Run(String name, String metric, Rate rate) {
    void measure(long nanos) throws Exception {
      long started = THREADS.getTotalStartedThreadCount();
      long cpu = OS.getProcessCpuTime();
      long t0 = System.nanoTime();
      THREADS.resetPeakThreadCount();
      double perSecond = rate.get(nanos);
      double calls = perSecond * (System.nanoTime() - t0) / 1e9;
      String n = name + SUFFIX;
      E2eMain.result(n, metric + "_calls_per_s", perSecond);
      E2eMain.result(n, metric + "_cpu_us_per_call", (OS.getProcessCpuTime() - cpu) / 1e3 / calls);
      E2eMain.result(n, metric + "_threads_started_per_call",
          (THREADS.getTotalStartedThreadCount() - started) / calls);
      E2eMain.result(n, metric + "_peak_threads", THREADS.getPeakThreadCount());
    }
  }

  /**
   * Calls per second with {@code n} calls kept in flight: each completion starts the next call, so
   * no thread waits for a call.
   */
  static double inFlight(int n, long nanos, Supplier<CompletableFuture<String>> call)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(n);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      next(call, stop, calls, failures, finished);
    }
    Thread.sleep(nanos / 1_000_000);
    long counted = calls.get();
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    if (!finished.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls in flight did not finish");
    }
    if (failures.get() * 100 > calls.get()) {
      throw new IllegalStateException(failures.get() + " of " + calls.get() + " calls failed");
    }
    return counted / (elapsed / 1e9);
  }

  private static void next(Supplier<CompletableFuture<String>> call, AtomicBoolean stop,
      AtomicLong calls, AtomicLong failures, CountDownLatch finished) {
    if (stop.get()) {
      finished.countDown();
      return;
    }
    call.get().whenComplete((answer, failure) -> {
      if (failure == null && answer != null && answer.startsWith("llmcall turns")) {
        calls.incrementAndGet();
      } else if (failures.incrementAndGet() == 1) {
        System.err.println("an async call failed: " + failure);
      }
      next(call, stop, calls, failures, finished);
    });
  }

  static void streams(URI jsonBase, URI sseBase, int streams) throws Exception {
    TunedFloorContender tuned = new TunedFloorContender();
    LlmcallContender llmcall = new LlmcallContender();
    tuned.open(jsonBase, sseBase);
    llmcall.open(jsonBase, sseBase);
    List<String> names = List.of("tuned-floor", "llmcall");
    List<Supplier<CompletableFuture<Integer>>> opens = List.of(
        () -> tuned.streamAsync(Contender.PROMPT_TEXT),
        () -> llmcall.streamAsync(Contender.PROMPT_TEXT));
    for (int k = 0; k < names.size(); k++) { // warm-up: 20 streams one by one, then 50 at once
      for (int i = 0; i < 20; i++) {
        E2eMain.checkStream(opens.get(k).get().get(10, TimeUnit.SECONDS));
      }
      burst("warm-up", 50, opens.get(k), false);
    }
    for (int turn = 0; turn < 2; turn++) {
      for (int i = 0; i < names.size(); i++) {
        int k = turn == 0 ? i : names.size() - 1 - i;
        Thread.sleep(500); // let the threads of the last burst end
        burst(names.get(k) + SUFFIX, streams, opens.get(k), true);
      }
    }
  }

  /** {@code n} streams opened at once, then waited for. */
  private static void burst(String name, int n, Supplier<CompletableFuture<Integer>> open,
      boolean report) throws Exception {
    int before = THREADS.getThreadCount();
    long started = THREADS.getTotalStartedThreadCount();
    THREADS.resetPeakThreadCount();
    long t0 = System.nanoTime();
    List<CompletableFuture<Integer>> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(open.get());
    }
    int completed = 0;
    int failed = 0;
    long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
    for (CompletableFuture<Integer> f : all) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        if (f.get(left, TimeUnit.NANOSECONDS) == E2eMain.EXPECTED_STREAM_CHARS) {
          completed++;
        } else {
          failed++;
        }
      } catch (Exception e) {
        if (failed++ == 0) {
          System.err.println(name + ": a stream failed: " + e);
        }
      }
    }
    long elapsed = System.nanoTime() - t0;
    if (!report) {
      return;
    }
    E2eMain.result(name, "streams_completed", completed);
    E2eMain.result(name, "streams_failed", failed);
    E2eMain.result(name, "streams_ms", elapsed / 1e6);
    E2eMain.result(name, "streams_threads_before", before);
    E2eMain.result(name, "streams_peak_threads", THREADS.getPeakThreadCount());
    E2eMain.result(name, "streams_threads_started", THREADS.getTotalStartedThreadCount() - started);
  }
}
