package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push side: demand, cancellation, errors, and many streams on few threads. */
class PublisherTest {
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-pub").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call() {
    return runtime.bind(CallSite.of("Teller.story", "openai", "m"));
  }

  /** Records what it gets; fails the test (via {@link #violation}) if sent more than requested. */
  static final class Recorder implements Flow.Subscriber<String> {
    final List<String> chunks = new ArrayList<>();
    final java.util.Set<String> threads = new java.util.HashSet<>();
    final CompletableFuture<Throwable> end = new CompletableFuture<>();
    final AtomicLong requested = new AtomicLong();
    volatile boolean violation;
    volatile Flow.Subscription subscription;
    private final long initial;

    Recorder(long initial) {
      this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      request(initial);
    }

    void request(long n) {
      requested.addAndGet(n);
      subscription.request(n);
    }

    @Override
    public synchronized void onNext(String item) {
      threads.add(Thread.currentThread().getName());
      chunks.add(item);
      violation |= chunks.size() > requested.get();
    }

    @Override
    public void onError(Throwable t) {
      end.complete(t);
    }

    @Override
    public void onComplete() {
      end.complete(null);
    }

    synchronized int count() {
      return chunks.size();
    }
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void deliversEveryChunkThenCompletes() throws Exception {
    server.enqueue(FakeReply.stream("a", "b", "c"));
    Recorder r = new Recorder(Long.MAX_VALUE);
    call().publisher(null, "x").subscribe(r);
    assertEquals(null, r.end.get(20, TimeUnit.SECONDS));
    assertEquals(List.of("a", "b", "c"), r.chunks);
  }

  @Test
  void neverSendsMoreThanRequested() throws Exception {
    String[] ten = new String[10];
    Arrays.fill(ten, "w ");
    server.enqueue(FakeReply.stream(ten));
    Recorder r = new Recorder(2);
    call().publisher(null, "x").subscribe(r);
    await(() -> r.count() == 2 && server.completedStreams() == 1);
    assertFalse(r.end.isDone());
    r.request(Long.MAX_VALUE - 2);
    assertEquals(null, r.end.get(20, TimeUnit.SECONDS));
    assertEquals(10, r.count());
    assertFalse(r.violation);
  }

  @Test
  void eachSubscriptionIsItsOwnCall() throws Exception {
    server.enqueue(FakeReply.stream("one")).enqueue(FakeReply.stream("two"));
    Flow.Publisher<String> p = call().publisher(null, "x");
    Recorder first = new Recorder(Long.MAX_VALUE);
    p.subscribe(first);
    first.end.get(20, TimeUnit.SECONDS);
    Recorder second = new Recorder(Long.MAX_VALUE);
    p.subscribe(second);
    second.end.get(20, TimeUnit.SECONDS);
    assertEquals(List.of("one"), first.chunks);
    assertEquals(List.of("two"), second.chunks);
  }

  @Test
  void cancelReleasesTheConnection() {
    String[] many = new String[500];
    Arrays.fill(many, "word ");
    server.enqueue(FakeReply.stream(many).chunkDelay(Duration.ofMillis(5)));
    Recorder r = new Recorder(1);
    call().publisher(null, "x").subscribe(r);
    await(() -> r.count() == 1);
    r.subscription.cancel();
    await(() -> server.activeStreams() == 0);
    assertEquals(1, server.abandonedStreams());
  }

  @Test
  void failureIsSignalledAsLlmException() throws Exception {
    server.enqueue(FakeReply.status(401));
    Recorder r = new Recorder(Long.MAX_VALUE);
    call().publisher(null, "x").subscribe(r);
    Throwable t = r.end.get(20, TimeUnit.SECONDS);
    assertTrue(t instanceof LlmException, String.valueOf(t));
    assertEquals(ErrorCategory.AUTHENTICATION, ((LlmException) t).category());
  }

  @Test
  void twoHundredConcurrentStreamsRunOnABoundedPool() throws Exception {
    List<Recorder> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Recorder r = new Recorder(Long.MAX_VALUE);
      all.add(r);
      call().publisher(null, "stream number " + i).subscribe(r);
    }
    for (int i = 0; i < all.size(); i++) {
      assertEquals(null, all.get(i).end.get(60, TimeUnit.SECONDS));
      assertTrue(String.join("", all.get(i).chunks).endsWith("stream number " + i), all.get(i).chunks.toString());
    }
    long httpThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("llmcall-http-")).count();
    assertTrue(httpThreads <= dev.llmcall.runtime.internal.transport.HttpTransport.MAX_THREADS, "threads: " + httpThreads);
  }

  @Test
  void subscribersAreCalledOnTheRuntimesThreadsNeverOnTheHttpClients() throws Exception {
    // The HTTP client runs its own work inline on its selector thread; a subscriber that blocked
    // there would stall every exchange, so subscribers are called on the runtime's pool.
    server.enqueue(FakeReply.stream("one ", "two ", "three"));
    Recorder r = new Recorder(Long.MAX_VALUE);
    call().publisher(null, "x").subscribe(r);
    assertEquals(null, r.end.get(20, TimeUnit.SECONDS));
    assertEquals(List.of("one ", "two ", "three"), r.chunks);
    assertTrue(r.threads.stream().allMatch(t -> t.startsWith("llmcall-http-")), r.threads.toString());
  }
}
