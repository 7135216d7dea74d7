package dev.llmcall.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake LLM provider on 127.0.0.1 for tests and demos. It speaks OpenAI Chat Completions ({@code POST
 * .../chat/completions}) and Anthropic Messages ({@code POST /v1/messages}), answers each request with
 * a scripted {@link FakeReply} (or a friendly default text reply when nothing is scripted), and
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
 * <h2>Which reply answers a request</h2>
 *
 * <p>Each request to an endpoint ({@code GET .../models} too) is answered by the first of:
 * <ol>
 *   <li>the oldest {@linkplain #enqueue(RequestMatcher, FakeReply) one-shot matched reply} whose
 *       {@link RequestMatcher} accepts the request; it is used up;
 *   <li>the oldest {@linkplain #whenever standing rule} whose matcher accepts it; it stays;
 *   <li>the next reply of the ordered queue ({@link #enqueue(FakeReply)}); it is used up;
 *   <li>the default reply, or, when the server is {@linkplain #strict() strict}, a 400 {@code
 *       unexpected_request} error that {@link #verify()} reports.
 * </ol>
 * So a queued reply is never spent on a request that a matched reply answers, and the queue keeps
 * its order for the rest. Requests take their replies in the order they arrive.
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
 * {@code event: type} and {@code data: {"type":type,…}}. Every event ends with a blank line. A reply
 * with {@linkplain FakeReply#reasoning reasoning} or {@linkplain FakeReply#thinking thinking blocks}
 * adds its {@code delta.reasoning_content} chunks after the first OpenAI chunk, and its thinking
 * blocks' events after Anthropic's {@code message_start}, the text block's index then following
 * theirs.
 *
 * <h2>Rate limits</h2>
 *
 * <p>{@link #rateLimit(FakeRateLimit)} makes the server enforce one shared per-minute budget over
 * everything it serves, and send its exact rate-limit headers (OpenAI's or Anthropic's, by the
 * request's wire) with every response, on the test's virtual time.
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
  private final ReplyScript script = new ReplyScript();
  private final RequestLog log = new RequestLog();
  private final FakeLlmHandler handler = new FakeLlmHandler(script, log);

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
    http.createContext("/", fake.handler);
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

  /**
   * Appends {@code reply} to the ordered queue: a request that no matched reply answers consumes the
   * queue's next reply.
   */
  public FakeLlmServer enqueue(FakeReply reply) {
    script.enqueue(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /**
   * Adds a reply for the first request that {@code matcher} accepts; it is then used up. Replies for
   * the same matcher answer its requests in the order they were added.
   */
  public FakeLlmServer enqueue(RequestMatcher matcher, FakeReply reply) {
    script.enqueue(Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /**
   * Answers every request that {@code matcher} accepts with {@code reply}, never used up; one-shot
   * replies added with {@link #enqueue(RequestMatcher, FakeReply)} come first.
   */
  public FakeLlmServer whenever(RequestMatcher matcher, FakeReply reply) {
    script.whenever(Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /**
   * Enforces {@code limit} over every chat request from now on, and sends its rate-limit headers
   * with every response; {@code null} to stop. See {@link FakeRateLimit} for the rules.
   */
  public FakeLlmServer rateLimit(FakeRateLimit limit) {
    handler.rateLimit(limit);
    return this;
  }

  /** The number of queued and one-shot matched replies not yet used; standing rules do not count. */
  public int pendingReplies() {
    return script.pending();
  }

  /**
   * Turns strict mode on: a request that no matched reply and no queued reply answers gets a 400
   * {@code unexpected_request} error instead of the default reply, and {@link #verify()} reports it;
   * so does a request to a path or method the fake does not serve. {@link FakeLlmExtension} calls
   * {@code verify()} after each test whose server is strict.
   */
  public FakeLlmServer strict() {
    script.strict(true);
    return this;
  }

  /** Whether {@link #strict()} was called (or the {@link FakeLlmExtension} made the server strict). */
  public boolean isStrict() {
    return script.isStrict();
  }

  /**
   * Checks that the script was followed, as a test's last step: throws an {@link AssertionError}
   * that lists every request refused in strict mode, every queued or one-shot matched reply still
   * unused, every {@link #whenever} rule that no request matched, and every matcher that threw.
   */
  public void verify() {
    List<String> problems = script.problems();
    if (!problems.isEmpty()) {
      throw new AssertionError("FakeLlmServer: the script was not followed, " + problems.size()
          + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
    }
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
    return log.take(Objects.requireNonNull(timeout, "timeout"));
  }

  /** A snapshot of every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return log.all();
  }

  /**
   * Forgets every recorded request, taken or not; {@link #requestCount()} starts again from 0.
   * Request ids keep counting. For a server reused across many calls, such as in a benchmark.
   */
  public void clearRequests() {
    log.clear();
  }

  /** The number of requests received so far. */
  public int requestCount() {
    return log.count();
  }

  /**
   * The number of streamed responses being written right now: from just before their headers until
   * their last byte, or until a write fails or the server closes. A client that has read a stream to
   * its end, or seen it cut, no longer finds it counted.
   */
  public int activeStreams() {
    return handler.activeStreams();
  }

  /**
   * The number of streamed responses written to their scripted end: the last event, an {@link
   * FakeReply#errorAfter in-band error} or a {@link FakeReply#cutAfter cut}.
   */
  public int completedStreams() {
    return handler.completedStreams();
  }

  /**
   * The number of streamed responses ended early because a write failed: the client went away (closed
   * the connection or cancelled the body) while events or keep-alives were still being sent. Streams
   * ended by {@link #close()} count neither here nor as completed.
   */
  public int abandonedStreams() {
    return handler.abandonedStreams();
  }

  /**
   * Keep-alive comments sent so far, on every stream; each is counted just before it is written,
   * so once this reaches {@code n + 1}, the {@code n}th has been written and flushed.
   */
  public int keepAlivesSent() {
    return handler.keepAlivesSent();
  }

  /** Stops the server at once, dropping open exchanges (streams too), and ends its threads. */
  @Override
  public void close() {
    if (!handler.close()) {
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

  /** Daemon threads named {@code llmcall-fake-llm-PORT-N}. */
  private static ThreadFactory threads(int port) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "llmcall-fake-llm-" + port + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
