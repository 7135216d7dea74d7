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
 */
public final class FakeLlmServer implements AutoCloseable {

  private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<FakeReply> script = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();

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

  /** The number of requests received so far. */
  public int requestCount() {
    synchronized (lock) {
      return recorded.size();
    }
  }

  /** Stops the server at once, dropping open exchanges, and ends its threads. */
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
    try (exchange) {
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
        respond(exchange, format, reply, facts, requestId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the exchange is closed without a response
    }
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
      return new Arrival(recorded.size(), scripted ? script.poll() : null);
    }
  }

  private void respond(HttpExchange exchange, WireFormat format, FakeReply reply, RequestFacts facts,
      String defaultRequestId) throws IOException, InterruptedException {
    if (!reply.delay().isZero()) {
      TimeUnit.NANOSECONDS.sleep(reply.delay().toNanos());
    }
    switch (reply.kind()) {
      case DROP -> exchange.close(); // before sendResponseHeaders: the server closes the connection
      case SUCCESS, ERROR -> {
        String requestId = reply.requestId() != null ? reply.requestId() : defaultRequestId;
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set(format.requestIdHeader(), requestId);
        for (Map.Entry<String, String> header : reply.headers()) {
          headers.add(header.getKey(), header.getValue());
        }
        send(exchange, reply.httpStatus(), format.render(reply, facts, requestId));
      }
    }
  }

  /** Both base URLs give {@code /v1/models}: Anthropic's clients say who they are in a header. */
  private static WireFormat modelsFormat(HttpExchange exchange) {
    return exchange.getRequestHeaders().containsKey("anthropic-version")
        ? WireFormat.ANTHROPIC : WireFormat.OPENAI;
  }

  /**
   * {@code GET .../models}, the cheap request a health check makes: a scripted error or dropped
   * connection is served as scripted; a scripted success, or none, lists one model.
   */
  private void respondToModels(HttpExchange exchange, WireFormat format, FakeReply reply,
      String requestId) throws IOException, InterruptedException {
    if (reply != null && reply.kind() != FakeReply.Kind.SUCCESS) {
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
