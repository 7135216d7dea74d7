package dev.llmcall.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves each exchange of a {@link FakeLlmServer}: records the request, takes its reply from the
 * script, and writes the response, streamed or whole, counting streams as they go.
 */
final class FakeLlmHandler implements HttpHandler {

  /** How long a cut stream waits, after its last event, before the connection is dropped. */
  static final long CUT_LINGER_MILLIS = 50;

  private final ReplyScript script;
  private final RequestLog log;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final AtomicInteger completedStreams = new AtomicInteger();
  private final AtomicInteger abandonedStreams = new AtomicInteger();
  private final AtomicInteger keepAlivesSent = new AtomicInteger();
  private volatile FakeRateLimit rateLimit;

  FakeLlmHandler(ReplyScript script, RequestLog log) {
    this.script = script;
    this.log = log;
  }

  int activeStreams() {
    return activeStreams.get();
  }

  int completedStreams() {
    return completedStreams.get();
  }

  int abandonedStreams() {
    return abandonedStreams.get();
  }

  int keepAlivesSent() {
    return keepAlivesSent.get();
  }

  void rateLimit(FakeRateLimit limit) {
    rateLimit = limit;
  }

  /** Marks the server closed, so that streams it drops are not counted as abandoned; false if it was. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
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
    WireFormat format = models ? Exchanges.modelsFormat(exchange) : WireFormat.forPath(path);
    boolean scripted = models || (format != null && "POST".equals(exchange.getRequestMethod()));
    RequestLog.Arrival arrival = record(exchange, body, scripted);
    String requestId = "req_fake_" + arrival.sequence();
    if (format == null) {
      Exchanges.sendRouteError(exchange, WireFormat.OPENAI, 404, "unknown_url", requestId);
    } else if (!scripted) {
      Exchanges.sendRouteError(exchange, format, 405, "method_not_allowed", requestId);
    } else if (models) {
      respondToModels(exchange, format, arrival.reply(), requestId);
    } else {
      RequestFacts facts = RequestFacts.from(body);
      FakeReply reply = arrival.reply() != null ? arrival.reply() : facts.defaultReply();
      FakeRateLimit limit = rateLimit;
      if (limit != null && reply.kind() != FakeReply.Kind.DROP) {
        reply = limit.apply(format, body, reply);
      }
      return respond(exchange, format, reply, facts, requestId);
    }
    return false;
  }

  /** Records the request and, for endpoint requests, takes its scripted reply in the same step. */
  private RequestLog.Arrival record(HttpExchange exchange, String body, boolean scripted) {
    URI uri = exchange.getRequestURI();
    String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    RecordedRequest request = new RecordedRequest(
        exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body);
    return log.record(request, scripted, script);
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
      String contentType = scriptedStream ? reply.contentType() : "text/event-stream";
      Exchanges.setHeaders(exchange, format, reply, contentType, requestId);
      return stream(exchange, format, reply, facts, requestId);
    }
    Exchanges.setHeaders(exchange, format, reply, reply.contentType(), requestId);
    Exchanges.send(exchange, reply.httpStatus(), format.render(reply, facts, requestId));
    return false;
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
    Exchanges.sendModels(exchange, format, reply != null ? reply.model() : null, requestId);
  }
}
