package dev.llmcall.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake LLM provider on 127.0.0.1 for tests and demos. It speaks OpenAI Chat Completions ({@code POST
 * .../chat/completions}) and Anthropic Messages ({@code POST /v1/messages}), answers each request with
 * the next scripted {@link FakeReply} (or a friendly default text reply when the script is empty), and
 * records every request.
 *
 * <pre>{@code
 * try (FakeLlmServer server = FakeLlmServer.start()) {
 *   server.enqueue(FakeReply.status(429).header("retry-after", "0"))
 *         .enqueue(FakeReply.text("Paris"));
 *   // point the client under test at server.openAiBaseUrl() or server.anthropicBaseUrl()
 *   RecordedRequest first = server.takeRequest();
 *   assertEquals("/v1/chat/completions", first.path());
 * }
 * }</pre>
 *
 * <p>Requests are served concurrently; a delayed reply does not hold up others. Any other path gets a
 * 404 with an OpenAI-style error body and does not consume a scripted reply.
 *
 * <h2>Streaming</h2>
 *
 * <p>A {@link FakeReply#stream} reply, and a {@link FakeReply#text} reply (or the default reply) to a
 * request with {@code "stream": true}, are sent as server-sent events ({@code Content-Type:
 * text/event-stream}, {@code Cache-Control: no-cache}, chunked), each event flushed as it is written; a
 * text reply goes out word by word. A scripted error or dropped connection is served as usual, before
 * any event. The request is recorded before the first event. OpenAI ({@code data:} lines only):
 *
 * <pre>
 * data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":…,"model":…,"choices":[{"index":0,
 *        "delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}
 * data: {… "choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}
 * data: {… "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}
 * data: {… "choices":[],"usage":{"prompt_tokens":…,"completion_tokens":…,"total_tokens":…}}
 * data: [DONE]
 * </pre>
 *
 * <p>with one content chunk per piece ({@code delta.refusal} pieces for a refusal), and the usage chunk
 * only when the request set {@code "stream_options": {"include_usage": true}} (every other chunk then
 * says {@code "usage":null}). Anthropic: {@code message_start} (id, model, empty content, input tokens),
 * {@code content_block_start} (index 0, empty text block), {@code ping}, one {@code
 * content_block_delta} ({@code text_delta}) per piece, {@code content_block_stop}, {@code
 * message_delta} ({@code stop_reason}, {@code usage.output_tokens}), {@code message_stop}, each as
 * {@code event: type} and {@code data: {"type":type,…}}. Every event ends with a blank line.
 *
 * <p>{@link #activeStreams()} counts the streams being written; {@link #completedStreams()} and {@link
 * #abandonedStreams()} count how they ended.
 */
public final class FakeLlmServer implements AutoCloseable {
  static {
    // Streams go out as many small writes; with Nagle's algorithm on, each can wait for the
    // client's delayed ACK (about 40 ms), which made a 50-event stream take 25 ms. The JDK server
    // reads this once, when its first server starts; a value the user set is left alone.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }


  private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<FakeReply> script = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private int arrivals; // guarded by lock; numbers request ids, never reset
  /** How long a cut stream waits, after its last event, before the connection is dropped. */
  static final long CUT_LINGER_MILLIS = 50;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final AtomicInteger completedStreams = new AtomicInteger();
  private final AtomicInteger abandonedStreams = new AtomicInteger();
  private final AtomicInteger keepAlivesSent = new AtomicInteger();

  private FakeLlmServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on 127.0.0.1 on an ephemeral port. */
  public static FakeLlmServer start() {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake LLM server", e);
    }
    ExecutorService executor = Executors.newCachedThreadPool(threads(http.getAddress().getPort()));
    FakeLlmServer fake = new FakeLlmServer(http, executor);
    http.createContext("/", fake::handle);
    http.setExecutor(executor);
    http.start();
    return fake;
  }

  /** The base URL for OpenAI clients: {@code http://127.0.0.1:PORT/v1}. */
  public URI openAiBaseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/v1");
  }

  /** The base URL for Anthropic clients: {@code http://127.0.0.1:PORT}. */
  public URI anthropicBaseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Appends {@code reply} to the script; each request to an endpoint consumes the next reply. */
  public FakeLlmServer enqueue(FakeReply reply) {
    script.add(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** The number of scripted replies not yet consumed. */
  public int pendingReplies() {
    return script.size();
  }

  /**
   * The next recorded request not yet taken, in arrival order, waiting up to 10 s for one to arrive.
   *
   * @throws IllegalStateException when no request arrives within 10 s
   */
  public RecordedRequest takeRequest() {
    return takeRequest(DEFAULT_TAKE_TIMEOUT);
  }

  /**
   * The next recorded request not yet taken, in arrival order, waiting up to {@code timeout}.
   *
   * @throws IllegalStateException when no request arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      RecordedRequest next = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new IllegalStateException("no request arrived within " + describe(timeout));
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a request", e);
    }
  }

  /** A snapshot of every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  /**
   * Forgets every recorded request, taken or not; {@link #requestCount()} starts again from 0.
   * Request ids keep counting. For a server reused across many calls, such as in a benchmark.
   */
  public void clearRequests() {
    synchronized (lock) {
      recorded.clear();
      untaken.clear();
    }
  }

  /** The number of requests received so far. */
  public int requestCount() {
    synchronized (lock) {
      return recorded.size();
    }
  }

  /**
   * The number of streamed responses being written right now: from just before their headers until
   * their last byte, or until a write fails or the server closes. A client that has read a stream to
   * its end, or seen it cut, no longer finds it counted.
   */
  public int activeStreams() {
    return activeStreams.get();
  }

  /**
   * The number of streamed responses written to their scripted end: the last event, an {@link
   * FakeReply#errorAfter in-band error} or a {@link FakeReply#cutAfter cut}.
   */
  public int completedStreams() {
    return completedStreams.get();
  }

  /**
   * The number of streamed responses ended early because a write failed: the client went away (closed
   * the connection or cancelled the body) while events or keep-alives were still being sent. Streams
   * ended by {@link #close()} count neither here nor as completed.
   */
  public int abandonedStreams() {
    return abandonedStreams.get();
  }

  /**
   * Keep-alive comments sent so far, on every stream; each is counted just before it is written,
   * so once this reaches {@code n + 1}, the {@code n}th has been written and flushed.
   */
  public int keepAlivesSent() {
    return keepAlivesSent.get();
  }

  /** Stops the server at once, dropping open exchanges (streams too), and ends its threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FakeLlmServer[" + anthropicBaseUrl() + "]";
  }

  private void handle(HttpExchange exchange) throws IOException {
    boolean cut = false;
    try {
      cut = serve(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the exchange is closed without a response
    } finally {
      if (!cut) {
        exchange.close();
      }
    }
    if (cut) {
      // The events before the cut are flushed; let the client read them first, because the abrupt
      // close below may reset the connection, and a reset can discard data not yet read (seen with
      // JDK 25's client). Bounded pacing, like a reply's delay.
      lingerBeforeCut();
      // Thrown with the exchange left open, this makes the HttpServer close the connection at once,
      // without the chunked body's last chunk: the client sees the body end abruptly.
      throw new IOException("stream cut as scripted by FakeReply.cutAfter");
    }
  }

  private static void lingerBeforeCut() {
    try {
      TimeUnit.MILLISECONDS.sleep(CUT_LINGER_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Serves one exchange; true when a stream must be cut (the exchange must then not be closed). */
  private boolean serve(HttpExchange exchange) throws IOException, InterruptedException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    boolean models = path.endsWith("/models") && "GET".equals(exchange.getRequestMethod());
    WireFormat format = models ? modelsFormat(exchange) : WireFormat.forPath(path);
    boolean scripted = models || (format != null && "POST".equals(exchange.getRequestMethod()));
    Arrival arrival = record(exchange, body, scripted);
    String requestId = "req_fake_" + arrival.sequence();
    if (format == null) {
      sendRouteError(exchange, WireFormat.OPENAI, 404, "unknown_url", requestId);
    } else if (!scripted) {
      sendRouteError(exchange, format, 405, "method_not_allowed", requestId);
    } else if (models) {
      respondToModels(exchange, format, arrival.reply(), requestId);
    } else {
      RequestFacts facts = RequestFacts.from(body);
      FakeReply reply = arrival.reply() != null ? arrival.reply() : facts.defaultReply();
      return respond(exchange, format, reply, facts, requestId);
    }
    return false;
  }

  /** Records the request and, for endpoint requests, takes the next scripted reply in the same step. */
  private Arrival record(HttpExchange exchange, String body, boolean scripted) {
    URI uri = exchange.getRequestURI();
    String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    RecordedRequest request = new RecordedRequest(
        exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body);
    synchronized (lock) {
      recorded.add(request);
      untaken.add(request);
      return new Arrival(++arrivals, scripted ? script.poll() : null);
    }
  }

  /** Sends {@code reply}; true when it is a stream that must now be cut. */
  private boolean respond(HttpExchange exchange, WireFormat format, FakeReply reply, RequestFacts facts,
      String defaultRequestId) throws IOException, InterruptedException {
    if (!reply.delay().isZero()) {
      TimeUnit.NANOSECONDS.sleep(reply.delay().toNanos());
    }
    if (reply.kind() == FakeReply.Kind.DROP) {
      exchange.close(); // before sendResponseHeaders: the server closes the connection
      return false;
    }
    String requestId = reply.requestId() != null ? reply.requestId() : defaultRequestId;
    boolean scriptedStream = reply.kind() == FakeReply.Kind.STREAM;
    if (scriptedStream
        || (reply.kind() == FakeReply.Kind.SUCCESS && facts.stream() && reply.rawBody() == null)) {
      setHeaders(exchange, format, reply, scriptedStream ? reply.contentType() : "text/event-stream",
          requestId);
      return stream(exchange, format, reply, facts, requestId);
    }
    setHeaders(exchange, format, reply, reply.contentType(), requestId);
    send(exchange, reply.httpStatus(), format.render(reply, facts, requestId));
    return false;
  }

  private static void setHeaders(HttpExchange exchange, WireFormat format, FakeReply reply,
      String contentType, String requestId) {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set(format.requestIdHeader(), requestId);
    for (Map.Entry<String, String> header : reply.headers()) {
      headers.add(header.getKey(), header.getValue());
    }
  }

  /**
   * Streams a success reply as server-sent events; a text reply goes out word by word. True when the
   * script cuts the stream. Counts the stream as active while writing, then as completed or abandoned.
   */
  private boolean stream(HttpExchange exchange, WireFormat format, FakeReply reply, RequestFacts facts,
      String requestId) throws IOException, InterruptedException {
    Completion completion = Completion.resolve(reply, facts, format, requestId);
    boolean scripted = reply.kind() == FakeReply.Kind.STREAM;
    StreamScript script = scripted ? reply.streamScript() : StreamScript.of(List.of());
    List<String> pieces = completion.refusal() != null ? StreamScript.words(completion.refusal())
        : scripted ? script.chunks() : StreamScript.words(completion.text());
    List<StreamEvents.Event> events = StreamEvents.of(format, completion, pieces, facts.includeUsage());
    StreamEvents.Event error = script.fault() == StreamScript.Fault.ERROR
        ? StreamEvents.error(format, script.errorType(), script.errorMessage()) : null;
    if (!exchange.getResponseHeaders().containsKey("Cache-Control")) {
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    }
    activeStreams.incrementAndGet();
    try {
      exchange.sendResponseHeaders(200, 0); // 0: chunked transfer
      // The headers go out now, before any event: newer JDKs hold them until the first write.
      exchange.getResponseBody().flush();
      SseWriter.End end = new SseWriter(exchange.getResponseBody(), script,
          keepAlivesSent::incrementAndGet).write(events, error);
      completedStreams.incrementAndGet();
      return end == SseWriter.End.CUT;
    } catch (IOException e) {
      if (!closed.get()) {
        abandonedStreams.incrementAndGet();
      }
      throw e;
    } finally {
      activeStreams.decrementAndGet();
    }
  }

  /** Both base URLs give {@code /v1/models}: Anthropic's clients say who they are in a header. */
  private static WireFormat modelsFormat(HttpExchange exchange) {
    return exchange.getRequestHeaders().containsKey("anthropic-version")
        ? WireFormat.ANTHROPIC : WireFormat.OPENAI;
  }

  /**
   * {@code GET .../models}, the cheap request a health check makes: a scripted error or dropped
   * connection is served as scripted; a scripted success or stream, or none, lists one model.
   */
  private void respondToModels(HttpExchange exchange, WireFormat format, FakeReply reply,
      String requestId) throws IOException, InterruptedException {
    if (reply != null
        && (reply.kind() == FakeReply.Kind.ERROR || reply.kind() == FakeReply.Kind.DROP)) {
      respond(exchange, format, reply, RequestFacts.from(""), requestId);
      return;
    }
    String model = reply != null && reply.model() != null ? reply.model()
        : format == WireFormat.ANTHROPIC ? "claude-sonnet-4-5" : "gpt-4o-mini";
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set(format.requestIdHeader(), requestId);
    send(exchange, 200, format.modelsBody(model).toString());
  }

  private static void sendRouteError(HttpExchange exchange, WireFormat format, int status, String code,
      String requestId) throws IOException {
    String message = (status == 404 ? "Unknown request URL: " : "Method not allowed: ")
        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
        + ". The fake serves POST .../chat/completions, POST /v1/messages and GET .../models.";
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set(format.requestIdHeader(), requestId);
    send(exchange, status, format.errorBody(status, code, message, requestId).toString());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1); // no body: Content-Length 0
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length); // sets Content-Length
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Daemon threads named {@code llmcall-fake-llm-PORT-N}. */
  private static ThreadFactory threads(int port) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "llmcall-fake-llm-" + port + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A recorded request's 1-based sequence number and the scripted reply it took, if any. */
  private record Arrival(int sequence, FakeReply reply) {}
}
