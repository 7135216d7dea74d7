package dev.llmcall.runtime.internal.transport;

import dev.llmcall.runtime.spi.Scheduler;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's one {@link HttpClient} and its per-attempt timeout. It sends exactly once: the
 * retry loop is the only owner of retries, so nothing here tries again. Internal: not part of the
 * API.
 */
public final class HttpTransport {
  /** The most threads a runtime hands work to, such as chunks to a publisher's subscribers. */
  public static final int MAX_THREADS = 16;

  /** The default for {@link #maxResponseBytes}: far above any real answer. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;

  /** How often the clocks of what is in flight are checked: how late a timeout may fire, at most. */
  public static final Duration SWEEP = Duration.ofMillis(50);

  /**
   * Something in flight: an exchange, a stream. While any is, one timer on the runtime's
   * {@link Scheduler} ticks every {@link #SWEEP} and lets each check its clocks (instead of a
   * timer per call or per event, which cost a plain call about 20 µs: bench/RESULTS.md); a
   * closing runtime ends each.
   */
  public interface Live {
    /** Ends it now: the runtime is closing. */
    void abortOnClose();

    /** Looks at its clocks at {@code nowNanos} (the scheduler's) and ends itself if one ran out. */
    void check(long nowNanos);
  }

  /** Our own client, dropped on close so that JDK 17 can collect it with its selector thread. */
  private volatile HttpClient http;
  private final boolean ownsClient;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final Scheduler scheduler;
  private final ExecutorService ownedExecutor;
  private final Set<Live> live = ConcurrentHashMap.newKeySet();
  private volatile Scheduler.Cancellable sweep;
  /** Where async exchanges are sent where {@link #THREAD_PER_COMPLETION}; made on first use. */
  private ExecutorService asyncThreads;
  private volatile boolean closed;

  private HttpTransport(HttpClient http, boolean ownsClient, Duration requestTimeout,
      long maxResponseBytes, Scheduler scheduler, ExecutorService ownedExecutor) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.ownsClient = ownsClient;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    this.maxResponseBytes = maxResponseBytes;
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
    this.ownedExecutor = ownedExecutor;
  }

  /**
   * A transport with a client of its own. It never follows redirects (a redirect could carry the
   * API key to another host). The client runs its own tasks inline ({@code Runnable::run}): on its
   * selector thread, or on the thread that caused them, such as the caller of a synchronous send.
   * Those tasks are the client's reading, writing, TLS and HTTP/2 work and llmcall's body
   * subscribers, and none of them blocks. The JDK's maintainers name an inline executor as a valid
   * choice for this reason. No user code runs there: {@code sendAsync} moves dependent actions to
   * the common pool, and a {@code Flow.Publisher}'s subscriber is called on {@link #executor()}.
   *
   * <p>Each hand-off to a pool thread was a wake-up and a cache miss. Against nginx, in one JVM,
   * dropping them took a call from the floor's p50 to 25% below it, and a stream to 19% below; p99
   * fell from about 1 ms to 0.25-0.4 ms (bench/RESULTS.md). It also held over TLS, with HTTP/2 and
   * HTTP/1.1, 16 concurrent callers and fresh handshakes.
   */
  public static HttpTransport create(Duration connectTimeout, Duration requestTimeout,
      long maxResponseBytes, Scheduler scheduler) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Runnable::run)
        .build();
    return new HttpTransport(http, true, requestTimeout, maxResponseBytes, scheduler, newExecutor());
  }

  /** A transport over the caller's client, which the caller closes. */
  public static HttpTransport wrap(HttpClient http, Duration requestTimeout, long maxResponseBytes,
      Scheduler scheduler) {
    return new HttpTransport(http, false, requestTimeout, maxResponseBytes, scheduler, null);
  }

  /**
   * Where llmcall hands work to other threads (a publisher's subscriber is called here): this
   * transport's threads, or the common pool for a caller's client.
   */
  public Executor executor() {
    return ownedExecutor != null ? ownedExecutor : ForkJoinPool.commonPool();
  }

  /**
   * Runs {@code task} on {@link #executor()}; on the calling thread once the runtime is closed and
   * its threads are gone, so that a call waiting to go on still learns that it ends.
   */
  public void execute(Runnable task) {
    try {
      executor().execute(task);
    } catch (RejectedExecutionException closed) {
      task.run();
    }
  }

  /** The longest one attempt may take. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The longest response body read, in bytes; a stream's whole body included. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sends and waits for the whole body, within {@code timeout} for all of it (the request's own
   * timeout covers only the headers) and at most {@link #maxResponseBytes} of it.
   */
  public HttpResponse<byte[]> send(HttpRequest request, Duration timeout)
      throws IOException, InterruptedException {
    PlainExchange exchange = new PlainExchange(maxResponseBytes, scheduler.nanoTime(), timeout);
    track(exchange);
    try {
      return client().send(request, exchange.body);
    } finally {
      live.remove(exchange);
    }
  }

  /** {@link #send(HttpRequest, Duration)} without blocking a thread. */
  public CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request, Duration timeout) {
    PlainExchange exchange = new PlainExchange(maxResponseBytes, scheduler.nanoTime(), timeout);
    track(exchange);
    CompletableFuture<HttpResponse<byte[]>> response;
    if (THREAD_PER_COMPLETION) {
      response = sendOnAsyncThreads(request, exchange);
    } else {
      try {
        response = client().sendAsync(request, exchange.body);
      } catch (IOException e) {
        response = CompletableFuture.failedFuture(e);
      }
    }
    response.whenComplete((r, t) -> live.remove(exchange));
    return response;
  }

  /**
   * Whether {@code HttpClient.sendAsync} would start a thread for each completion: it hands
   * completions to {@code CompletableFuture}'s default executor, which is a new thread per task
   * while the common pool's parallelism is below 2 (1 or 2 cores), on the JDKs before 25 that
   * measured so (bench/RESULTS.md: 0.14x the throughput of blocking calls with 64 callers on
   * JDK 17; JDK 25 starts none). Decided once.
   */
  static final boolean THREAD_PER_COMPLETION =
      ForkJoinPool.getCommonPoolParallelism() < 2 && Runtime.version().feature() < 25;

  /**
   * An async exchange where {@link #THREAD_PER_COMPLETION}: a blocking send on one of a few
   * threads of the runtime's own, which then complete the future with no hand-off (0.95x the
   * throughput of blocking calls in the bench's prototype). Waits between attempts still hold
   * no thread. An attempt still queued when its time is up is not sent; a cancelled one ends its
   * read.
   */
  private CompletableFuture<HttpResponse<byte[]>> sendOnAsyncThreads(
      HttpRequest request, PlainExchange exchange) {
    CompletableFuture<HttpResponse<byte[]>> response = new CompletableFuture<>();
    response.whenComplete((r, t) -> {
      if (response.isCancelled()) {
        exchange.abortOnClose();
      }
    });
    Runnable send = () -> {
      if (response.isDone()) {
        return;
      }
      if (exchange.expired(scheduler.nanoTime())) {
        response.completeExceptionally(new java.net.http.HttpTimeoutException(
            "the attempt's time was up before it could be sent"));
        return;
      }
      try {
        response.complete(client().send(request, exchange.body));
      } catch (IOException | RuntimeException e) {
        response.completeExceptionally(e);
      } catch (InterruptedException e) {
        response.completeExceptionally(e);
        Thread.currentThread().interrupt();
      }
    };
    try {
      asyncThreads().execute(send);
    } catch (RejectedExecutionException closed) {
      response.completeExceptionally(new IOException("the LlmRuntime was closed"));
    }
    return response;
  }

  private synchronized ExecutorService asyncThreads() {
    if (asyncThreads == null) {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "llmcall-async-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      if (closed) {
        pool.shutdown();
      }
      asyncThreads = pool;
    }
    return asyncThreads;
  }

  /**
   * Keeps {@code exchange} to have its clocks checked and to be ended by {@link #close()}; false
   * if closed already. A closed exchange's send fails at once anyway.
   */
  public boolean track(Live exchange) {
    live.add(exchange);
    if (closed) {
      live.remove(exchange);
      return false;
    }
    if (sweep == null) {
      startSweeping();
    }
    return true;
  }

  /** How many exchanges and streams are in flight. */
  public int liveCount() {
    return live.size();
  }

  private synchronized void startSweeping() {
    if (sweep == null && !closed) {
      sweep = scheduler.schedule(SWEEP, this::sweep);
    }
  }

  private void sweep() {
    synchronized (this) {
      sweep = null;
    }
    long now = scheduler.nanoTime();
    for (Live l : live) {
      l.check(now);
    }
    if (!live.isEmpty()) {
      startSweeping();
    }
  }

  /** A plain call's exchange: its body, ended when the attempt's time is up. */
  private static final class PlainExchange implements Live {
    final BoundedBody body;
    private final long deadlineNanos;
    private final Duration timeout;

    PlainExchange(long maxBytes, long startNanos, Duration timeout) {
      this.body = new BoundedBody(maxBytes);
      this.deadlineNanos = startNanos + timeout.toNanos();
      this.timeout = timeout;
    }

    @Override
    public void abortOnClose() {
      body.abort(new IOException("the LlmRuntime was closed"));
    }

    @Override
    public void check(long nowNanos) {
      if (expired(nowNanos)) {
        body.timedOut(timeout.toMillis());
      }
    }

    boolean expired(long nowNanos) {
      return nowNanos - deadlineNanos >= 0;
    }
  }

  /** Forgets an exchange that ended. */
  public void untrack(Live exchange) {
    live.remove(exchange);
  }

  private HttpClient client() throws IOException {
    HttpClient client = http;
    if (client == null) {
      throw new IOException("the LlmRuntime was closed");
    }
    return client;
  }

  /** Sends and waits until {@code handler}'s body is ready (for a streamed body: the headers). */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return client().send(request, handler);
  }

  /** Sends without blocking a thread, reading the body with {@code handler}. */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client().sendAsync(request, handler);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Whether {@link #close()} was called: no attempt is sent after it. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Ends every exchange and stream in flight, stops the threads this transport started, and lets
   * go of its own client: closed on JDK 21+, where {@code HttpClient} is {@code AutoCloseable};
   * on 17, dropped, so that it is collected and its selector thread and connections end with it.
   * A caller's client is left open.
   */
  public void close() {
    closed = true;
    synchronized (this) {
      if (sweep != null) {
        sweep.cancel();
        sweep = null;
      }
    }
    for (Live exchange : live) {
      exchange.abortOnClose();
    }
    live.clear();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    synchronized (this) {
      if (asyncThreads != null) {
        asyncThreads.shutdownNow();
      }
    }
    if (ownsClient) {
      HttpClient client = http;
      http = null;
      if (client instanceof AutoCloseable) { // JDK 21+: no reflection needed to see it
        try {
          ((AutoCloseable) client).close();
        } catch (Exception e) {
          System.getLogger("dev.llmcall.runtime").log(System.Logger.Level.DEBUG,
              "closing the HttpClient failed", e);
        }
      }
    }
  }

  /**
   * The transport's threads: a work-stealing pool of at most {@link #MAX_THREADS} daemon threads,
   * which end after 30 s idle. It is bounded because its tasks only hand chunks to subscribers, so
   * a few threads serve hundreds of concurrent streams. It is a fork-join pool rather than a
   * {@code ThreadPoolExecutor} because it wakes the last-parked worker first and keeps follow-up
   * tasks on the submitting worker's own queue, so it touches one or two warm threads.
   */
  static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory threads = pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName("llmcall-http-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // asyncMode: tasks are event-style callbacks, never joined, so FIFO per worker. The pool
    // never grows past MAX_THREADS, not even to compensate for a callback that blocks.
    return new ForkJoinPool(MAX_THREADS, threads, null, true,
        0, MAX_THREADS, 1, pool -> true, 30, TimeUnit.SECONDS);
  }
}
