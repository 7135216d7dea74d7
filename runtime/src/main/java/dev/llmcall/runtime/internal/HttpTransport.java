package dev.llmcall.runtime.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
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

  private final HttpClient http;
  private final Duration requestTimeout;
  private final ExecutorService ownedExecutor;
  private volatile boolean closed;

  private HttpTransport(HttpClient http, Duration requestTimeout, ExecutorService ownedExecutor) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
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
  public static HttpTransport create(Duration connectTimeout, Duration requestTimeout) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Runnable::run)
        .build();
    return new HttpTransport(http, requestTimeout, newExecutor());
  }

  /** A transport over the caller's client, which the caller closes. */
  public static HttpTransport wrap(HttpClient http, Duration requestTimeout) {
    return new HttpTransport(http, requestTimeout, null);
  }

  /**
   * Where llmcall hands work to other threads (a publisher's subscriber is called here): this
   * transport's threads, or the common pool for a caller's client.
   */
  public Executor executor() {
    return ownedExecutor != null ? ownedExecutor : ForkJoinPool.commonPool();
  }

  /** The longest one attempt may take. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Sends and waits for the whole body. */
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, BodyHandlers.ofByteArray());
  }

  /** Sends and waits until {@code handler}'s body is ready (for a streamed body: the headers). */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return http.send(request, handler);
  }

  /** Sends without blocking a thread. */
  public CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request) {
    return http.sendAsync(request, BodyHandlers.ofByteArray());
  }

  /** Sends without blocking a thread, reading the body with {@code handler}. */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return http.sendAsync(request, handler);
  }

  /** Whether {@link #close()} was called: no attempt is sent after it. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops the threads this transport started; a caller's client is left alone. Exchanges in flight
   * finish; the client's selector thread ends once the client is unreachable (JDK 17's
   * {@code HttpClient} cannot be closed).
   */
  public void close() {
    closed = true;
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
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
