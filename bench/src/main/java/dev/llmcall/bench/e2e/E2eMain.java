package dev.llmcall.bench.e2e;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One contender of the end-to-end benchmark in one JVM, run by bench/run-e2e:
 *
 * <pre>
 * E2eMain CONTENDER first-call BASE_URL        prints the wall-clock time of the first completed call
 * E2eMain CONTENDER measure BASE_URL SECONDS   warms up, then measures every figure once
 * E2eMain llmcall paired BASE_URL SECONDS      both floors and llmcall in this one JVM, in turns
 * E2eMain llmcall async BASE_URL SECONDS       64 callers: sync threads against futures ({@link Concurrency})
 * E2eMain llmcall streams BASE_URL STREAMS     that many streams at once, threads counted ({@link Concurrency})
 * </pre>
 *
 * The paired, async and streams modes need only llmcall's class path (the floors' Jackson is on
 * it). The paired mode times calls and streams of the tuned floor, the naive floor and llmcall in
 * alternating blocks, so that both meet the same
 * machine from one moment to the next: on a shared machine that swings by tens of percent between
 * JVMs a minute apart, this is the measure of llmcall's overhead that the noise leaves standing.
 *
 * BASE_URL is the upstream's root ({@code http://127.0.0.1:PORT}); non-streaming calls go to
 * {@code BASE_URL/json/v1}, streams to {@code BASE_URL/sse/v1}. Results are printed as
 * {@code RESULT <tab> contender <tab> metric <tab> value} lines.
 */
public final class E2eMain {
  static final int CONCURRENCY = 16;
  static final int EXPECTED_STREAM_CHARS = expectedStreamChars();

  private E2eMain() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    String mode = args[1];
    URI base = URI.create(args[2]);
    URI jsonBase = URI.create(base + "/json/v1");
    URI sseBase = URI.create(base + "/sse/v1");
    if (mode.equals("first-call")) {
      Contender contender = Contender.named(name);
      contender.open(jsonBase, sseBase);
      String answer = contender.call(Contender.PROMPT_TEXT);
      Instant done = Instant.now();
      check(answer);
      System.out.println("RESULT\t" + name + "\tfirst_call_epoch_us\t"
          + (done.getEpochSecond() * 1_000_000L + done.getNano() / 1_000));
      System.out.flush();
      Runtime.getRuntime().halt(0); // some SDKs keep non-daemon threads; JVM exit is not measured
    }
    double seconds = Double.parseDouble(args[3]);
    if (mode.equals("paired") || mode.equals("async") || mode.equals("streams")) {
      switch (mode) {
        case "paired" -> paired(jsonBase, sseBase, seconds);
        case "async" -> Concurrency.async(jsonBase, sseBase, seconds);
        default -> Concurrency.streams(jsonBase, sseBase, (int) seconds);
      }
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
    try (Contender contender = Contender.named(name)) {
      contender.open(jsonBase, sseBase);
      measure(name, contender, seconds);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  static void measure(String name, Contender c, double seconds) throws Exception {
    long phase = (long) (seconds * 1e9);
    // Warm-up: both paths, then the concurrent path briefly.
    runFor(phase, () -> check(c.call(Contender.PROMPT_TEXT)));
    runFor(phase, () -> checkStream(c.stream(Contender.PROMPT_TEXT)));
    concurrent(c, CONCURRENCY, phase / 4);

    // Sequential calls, each timed.
    long[] lat = new long[1 << 16];
    int n = 0;
    long start = System.nanoTime();
    long end = start + phase;
    long now = start;
    while (now < end) {
      long t0 = System.nanoTime();
      check(c.call(Contender.PROMPT_TEXT));
      now = System.nanoTime();
      if (n == lat.length) {
        lat = Arrays.copyOf(lat, n * 2);
      }
      lat[n++] = now - t0;
    }
    result(name, "seq_calls_per_s", n / ((now - start) / 1e9));
    long[] sorted = Arrays.copyOf(lat, n);
    Arrays.sort(sorted);
    result(name, "p50_us", sorted[(int) Math.floor(0.50 * (n - 1))] / 1e3);
    result(name, "p99_us", sorted[(int) Math.floor(0.99 * (n - 1))] / 1e3);

    result(name, "conc16_calls_per_s", concurrent(c, CONCURRENCY, phase));

    int streams = 0;
    start = System.nanoTime();
    end = start + phase;
    now = start;
    while (now < end) {
      checkStream(c.stream(Contender.PROMPT_TEXT));
      streams++;
      now = System.nanoTime();
    }
    result(name, "stream_calls_per_s", streams / ((now - start) / 1e9));

    result(name, "alloc_bytes_per_call", allocatedPerCall(phase,
        () -> check(c.call(Contender.PROMPT_TEXT))));
    result(name, "alloc_bytes_per_stream", allocatedPerCall(phase,
        () -> checkStream(c.stream(Contender.PROMPT_TEXT))));
  }

  interface Call {
    void run() throws Exception;
  }

  interface ContenderCall {
    void run(Contender c) throws Exception;
  }

  /**
   * Both floors and llmcall in one JVM: p50 of calls and of streams, timed in alternating blocks.
   */
  static void paired(URI jsonBase, URI sseBase, double seconds) throws Exception {
    String[] names = {"tuned-floor", "floor", "llmcall"};
    Contender[] cs = new Contender[names.length];
    for (int i = 0; i < names.length; i++) {
      cs[i] = Contender.named(names[i]);
      cs[i].open(jsonBase, sseBase);
    }
    long phase = (long) (seconds * 1e9);
    runFor(phase, () -> {
      for (Contender c : cs) {
        check(c.call(Contender.PROMPT_TEXT));
        checkStream(c.stream(Contender.PROMPT_TEXT));
      }
    });
    pairedP50(names, cs, "paired_call_p50_us", 100, 2 * phase,
        c -> check(c.call(Contender.PROMPT_TEXT)));
    pairedP50(names, cs, "paired_stream_p50_us", 20, 2 * phase,
        c -> checkStream(c.stream(Contender.PROMPT_TEXT)));
  }

  /** Blocks of {@code block} timed operations per contender, in turns (ABBA), for {@code nanos}. */
  static void pairedP50(String[] names, Contender[] cs, String metric, int block, long nanos,
      ContenderCall op) throws Exception {
    long[][] lat = new long[cs.length][1 << 12];
    int[] n = new int[cs.length];
    long end = System.nanoTime() + nanos;
    for (int turn = 0; System.nanoTime() < end; turn++) {
      for (int j = 0; j < cs.length; j++) {
        int k = turn % 2 == 0 ? j : cs.length - 1 - j;
        for (int i = 0; i < block; i++) {
          long t0 = System.nanoTime();
          op.run(cs[k]);
          long d = System.nanoTime() - t0;
          if (n[k] == lat[k].length) {
            lat[k] = Arrays.copyOf(lat[k], n[k] * 2);
          }
          lat[k][n[k]++] = d;
        }
      }
    }
    for (int k = 0; k < cs.length; k++) {
      long[] sorted = Arrays.copyOf(lat[k], n[k]);
      Arrays.sort(sorted);
      result(names[k], metric, sorted[(n[k] - 1) / 2] / 1e3);
    }
  }

  static void runFor(long nanos, Call call) throws Exception {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      call.run();
    }
  }

  /** Calls per second with {@code callers} threads calling back to back. */
  static double concurrent(Contender c, int callers, long nanos) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[callers];
    for (int i = 0; i < callers; i++) {
      threads[i] = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          while (!stop.get()) {
            try {
              check(c.call(Contender.PROMPT_TEXT));
              calls.incrementAndGet();
            } catch (Exception | AssertionError e) {
              // The floor has no retries: a JDK HttpClient pool race fails a call now and then.
              if (failures.incrementAndGet() == 1) {
                System.err.println(c.getClass().getSimpleName() + ": a concurrent call failed: " + e);
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "caller-" + i);
      threads[i].start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    Thread.sleep(nanos / 1_000_000);
    long counted = calls.get();
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (failures.get() > 0) {
      System.err.println(failures.get() + " of " + (calls.get() + failures.get())
          + " concurrent calls failed (not counted)");
      if (failures.get() * 100 > calls.get()) {
        throw new IllegalStateException("more than 1% of concurrent calls failed");
      }
    }
    return counted / (elapsed / 1e9);
  }

  /**
   * Heap bytes allocated by the whole JVM per call ({@link HeapAllocation}: callers, the HTTP
   * client's threads, the SDK's threads, also those that ended meanwhile), over as many sequential
   * calls as fit in {@code nanos} (at least 50).
   */
  static double allocatedPerCall(long nanos, Call call) throws Exception {
    HeapAllocation heap = HeapAllocation.start();
    long end = System.nanoTime() + nanos;
    int calls = 0;
    while (calls < 50 || System.nanoTime() < end) {
      call.run();
      calls++;
    }
    return (double) heap.bytes() / calls;
  }

  static void check(String answer) {
    if (answer == null || !answer.startsWith("llmcall turns")) {
      throw new AssertionError("unexpected answer: " + answer);
    }
  }

  static void checkStream(int chars) {
    if (chars != EXPECTED_STREAM_CHARS) {
      throw new AssertionError("stream delivered " + chars + " characters, not "
          + EXPECTED_STREAM_CHARS);
    }
  }

  private static int expectedStreamChars() {
    int chars = "token0".length();
    for (int i = 1; i < 50; i++) {
      chars += (" token" + i).length();
    }
    return chars;
  }

  static void result(String name, String metric, double value) {
    System.out.println("RESULT\t" + name + "\t" + metric + "\t" + value);
  }
}
