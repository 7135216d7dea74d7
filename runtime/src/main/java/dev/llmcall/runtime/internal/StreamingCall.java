package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.StreamState;
import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.spi.CallSite;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One streamed call across its attempts. Chunks go to a {@link ChunkChannel}; a failure before any
 * chunk reached the caller is retried from scratch under the retry policy and breaker, invisibly.
 * After that, the call fails with the delivered text on the exception, or, when the method opted
 * in, asks the model to continue and delivers only what is new. Timeouts come from a
 * {@link StreamWatchdog}. Every entry point holds this object's lock; the network never waits on
 * it for long. Internal: not part of the API.
 */
final class StreamingCall {
  /** How much continued text is held back to find where it repeats what was delivered. */
  static final int OVERLAP_WINDOW = 64;

  private final CallSite site;
  private final Endpoint endpoint;
  private final ProviderWire wire;
  private final RetryPolicy policy;
  private final DefaultCircuitBreaker breaker;
  private final CallRecord record;
  private final CallContext context;
  private final StreamTimeouts timeouts;
  private final StreamWatchdog watchdog;
  private final ChunkChannel channel;
  private final Prompt base;
  private final boolean resume;
  private final long startNanos;
  private final long deadlineNanos;
  private final StringBuilder received = new StringBuilder();
  private int events;
  private String lastEventId;
  private int inputTokens;
  private int outputTokens;
  private StreamExchange current;
  private boolean finished;

  StreamingCall(CallSite site, Endpoint endpoint, RetryPolicy policy, DefaultCircuitBreaker breaker,
      MethodStats stats, CallContext context, StreamTimeouts timeouts, StreamWatchdog watchdog,
      ChunkChannel channel, Prompt base) {
    this.site = site;
    this.endpoint = endpoint;
    this.wire = ProviderWire.of(endpoint.wire());
    this.policy = policy;
    this.breaker = breaker;
    this.record = new CallRecord(site, endpoint, breaker, stats, context);
    this.context = context;
    this.timeouts = timeouts;
    this.watchdog = watchdog;
    this.channel = channel;
    this.base = base;
    this.resume = site.resumeStream();
    this.startNanos = context.scheduler().nanoTime();
    this.deadlineNanos = startNanos + Math.min(policy.timeout().toNanos(), timeouts.total().toNanos());
    channel.onRoom(this::resumeDemand);
  }

  /**
   * Sends the first attempt on the calling thread and returns once its response headers are in
   * (or it failed, to be retried in the background): the HTTP client then reads the body on its
   * own. Blocking here is what a pull-side stream costs anyway, and it saves the hop that
   * {@code HttpClient.sendAsync} makes to the common pool once the headers arrive, which on a
   * machine whose common pool has one worker is a new thread per stream.
   *
   * @throws LlmException when the calling thread is interrupted; the stream is cancelled
   */
  void start() {
    Sending first;
    synchronized (this) {
      watchdog.add(this);
      first = prepare(base);
    }
    if (first == null) {
      return;
    }
    try {
      context.transport().send(first.request(), handler(first.exchange()));
    } catch (IOException e) {
      onTransportFailure(first.exchange(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      synchronized (this) {
        throw record.failure(new Classification(ErrorCategory.UNKNOWN, false, null,
            "interrupted while the stream was being opened", null), 0, null, e, false, stateFor(true));
      }
    }
  }

  /** Sends the first attempt without blocking: for the push side, whose subscribe may not wait. */
  synchronized void startAsync() {
    watchdog.add(this);
    attempt(base);
  }

  /** An attempt's exchange and its request, ready to send. */
  private record Sending(StreamExchange exchange, HttpRequest request) {}

  /** Sends an attempt without blocking (a retry or the push side's first attempt). */
  private void attempt(Prompt prompt) {
    Sending next = prepare(prompt);
    if (next == null) {
      return;
    }
    StreamExchange ex = next.exchange();
    ex.future = context.transport().sendAsync(next.request(), handler(ex));
    ex.future.whenComplete((r, t) -> {
      if (t != null) {
        onTransportFailure(ex, t);
      }
    });
  }

  /**
   * The next attempt's exchange, made current, and its request; {@code null} when the call is over
   * or the breaker rejected it (then a wait or the failure is already arranged).
   */
  private Sending prepare(Prompt prompt) {
    if (finished) {
      return null;
    }
    if (context.transport().isClosed()) {
      fail(Classification.closed("the stream was not started"), 0, null, null, false);
      return null;
    }
    long permit = record.acquire();
    if (permit == DefaultCircuitBreaker.REJECTED) {
      rejected(prompt);
      return null;
    }
    StreamExchange ex = new StreamExchange(this, record.nextAttempt(), now(), permit,
        StreamAssembler.of(endpoint.wire()), prompt.assistantPrefix() != null);
    current = ex;
    // Until the headers: the first-token timeout, or what is left of the stream's whole time.
    long headersNanos = Math.min(timeouts.firstToken().toNanos(), Math.max(1, deadlineNanos - now()));
    HttpRequest request = wire.newRequest(endpoint)
        .setHeader("Accept", "text/event-stream")
        .header("X-Client-Request-Id", record.clientRequestId())
        .timeout(Duration.ofNanos(headersNanos))
        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.encode(endpoint, site, prompt)))
        .build();
    return new Sending(ex, request);
  }

  /** A 2xx body is read as events; any other status is read whole and classified. */
  private BodyHandler<Void> handler(StreamExchange ex) {
    return info -> {
      if (info.statusCode() >= 200 && info.statusCode() < 300) {
        ex.requestId = wire.requestId(info.headers());
        return new SseBodySubscriber(ex, channel);
      }
      return BodySubscribers.mapping(BodySubscribers.ofByteArray(), body -> {
        onHttpError(ex, info.statusCode(), wire.requestId(info.headers()),
            ErrorClassifier.classifyHttp(info.statusCode(), info.headers(),
                new String(body, StandardCharsets.UTF_8), context.clock()));
        return null;
      });
    };
  }

  private void rejected(Prompt prompt) {
    Duration wait = record.waitForBreaker(
        policy.waitOnOpenCircuit(), deadlineNanos - now(), policy.maxAttempts());
    if (wait != null) {
      later(wait, prompt);
      return;
    }
    fail(record.rejection("the stream was not started"), 0, null, null, true);
  }

  // ---- Events from the exchange (each under this lock) ----

  synchronized void onEvent(StreamExchange ex, String type, String data, String id) {
    if (ex != current || ex.ended) {
      return;
    }
    events++;
    lastEventId = id == null || id.isEmpty() ? lastEventId : id;
    ex.lastActivityNanos = now();
    String text;
    try {
      text = ex.assembler.onEvent(type, data);
    } catch (StreamAssembler.StreamFailure f) {
      attemptFailed(ex, f.classification(), 200, null);
      return;
    }
    if (text != null) {
      ex.firstTextNanos = ex.firstTextNanos == 0 ? now() : ex.firstTextNanos;
      take(ex, text);
    }
    if (ex.assembler.done()) {
      attemptEnded(ex);
    }
  }

  synchronized void onActivity(StreamExchange ex) {
    ex.lastActivityNanos = now();
  }

  synchronized void onBodyEnd(StreamExchange ex) {
    if (ex == current && !ex.ended) {
      attemptFailed(ex, new Classification(ErrorCategory.NETWORK, true, null,
          "the stream ended before its terminal event", null), 200, null);
    }
  }

  synchronized void onTransportFailure(StreamExchange ex, Throwable failure) {
    if (ex == current && !ex.ended) {
      attemptFailed(ex, ErrorClassifier.classifyTransport(failure), 0, failure);
    }
  }

  private synchronized void onHttpError(
      StreamExchange ex, int status, String requestId, Classification c) {
    if (ex == current && !ex.ended) {
      ex.requestId = requestId;
      attemptFailed(ex, c, status, null);
    }
  }

  /** From the watchdog: a per-attempt clock or the whole stream's ran out. */
  synchronized void checkTimeouts(long now) {
    if (finished) {
      return;
    }
    if (now - startNanos >= timeouts.total().toNanos()) {
      if (current != null && !current.ended) {
        current.ended = true; // first: the cancellation's own callback must find it ended
        current.cancel(breaker);
      }
      fail(new Classification(ErrorCategory.TIMEOUT, false, null, "total stream timeout: the stream"
          + " ran longer than " + timeouts.total().toMillis() + " ms", null), 0, null, null, false);
      return;
    }
    StreamExchange ex = current;
    if (ex == null || ex.ended) {
      return;
    }
    if (ex.firstTextNanos == 0 && now - ex.startNanos >= timeouts.firstToken().toNanos()) {
      timedOut(ex, "first-token timeout: no text within " + timeouts.firstToken().toMillis() + " ms");
    } else if (ex.lastActivityNanos != 0 && now - ex.lastActivityNanos >= timeouts.idle().toNanos()) {
      timedOut(ex, "idle timeout: no event for " + timeouts.idle().toMillis() + " ms");
    }
  }

  private void timedOut(StreamExchange ex, String detail) {
    attemptFailed(ex, new Classification(ErrorCategory.TIMEOUT, true, null, detail, null), 200, null);
  }

  /** The consumer closed the stream: stop reading and release the connection. */
  synchronized void cancel() {
    channel.close();
    if (current != null && !current.ended) {
      current.ended = true;
      current.cancel(breaker);
    }
    if (!finished) {
      finished = true;
      watchdog.remove(this);
    }
  }

  /** Asks the body for more once the consumer made room. Lock-free: the consumer calls it. */
  private void resumeDemand() {
    StreamExchange ex = current;
    if (ex != null) {
      ex.resume();
    }
  }

  // ---- Outcomes ----

  /** Takes a chunk of text; a resumed attempt first holds some back to trim what it repeats. */
  private void take(StreamExchange ex, String text) {
    if (ex.holdBack != null) {
      ex.holdBack.append(text);
      if (ex.holdBack.length() >= OVERLAP_WINDOW) {
        flushHoldBack(ex);
      }
      return;
    }
    received.append(text);
    channel.offer(text);
  }

  private void flushHoldBack(StreamExchange ex) {
    if (ex.holdBack == null) {
      return;
    }
    String fresh = Overlap.trim(received, ex.holdBack);
    ex.holdBack = null;
    if (!fresh.isEmpty()) {
      received.append(fresh);
      channel.offer(fresh);
    }
  }

  private void attemptEnded(StreamExchange ex) {
    flushHoldBack(ex);
    Classification refused = ex.assembler.endFailure();
    if (refused != null) {
      attemptFailed(ex, refused, 200, null);
      return;
    }
    ex.ended = true;
    record.succeeded(ex.permit, now() - ex.startNanos, 200);
    Completion c = ex.assembler.completion(received.toString());
    inputTokens += c.usage().inputTokens();
    outputTokens += c.usage().outputTokens();
    finished = true;
    watchdog.remove(this);
    channel.complete(new LlmResponse<>(c.text(), c.text(), endpoint.provider(), c.model(),
        c.finishReason(), new Usage(inputTokens, outputTokens), ex.requestId,
        record.clientRequestId(), record.history()));
  }

  private void attemptFailed(StreamExchange ex, Classification c, int status, Throwable cause) {
    ex.ended = true;
    ex.cancel(null);
    inputTokens += ex.assembler.inputTokens;
    outputTokens += ex.assembler.outputTokens;
    if (channel.isClosed()) {
      record.failed(ex.permit, now() - ex.startNanos, c, status, Duration.ZERO, WaitSource.NONE);
      finished = true;
      watchdog.remove(this);
      return;
    }
    boolean fromScratch = channel.discardIfNothingDelivered();
    if (fromScratch) {
      received.setLength(0);
    }
    RetryDecision d = RetryDecision.decide(
        policy, c, record.nextAttempt(), deadlineNanos - now(), context.random());
    boolean again = d.retry() && (fromScratch || (resume && !ex.assembler.toolCall()));
    record.failed(ex.permit, now() - ex.startNanos, c, status, again ? d.delay() : Duration.ZERO,
        again ? d.source() : WaitSource.NONE);
    if (again) {
      later(d.delay(), fromScratch ? base
          : base.resumedAfter(received.toString(), ContinueInstruction.forPrompt(base.user())));
      return;
    }
    String why = !d.retry() ? d.stopReason()
        : ex.assembler.toolCall() ? "a tool call is never continued as prose"
        : "the stream broke after text was delivered; @Retry(resumeStream = true) would continue it";
    fail(new Classification(c.category(), c.retryable(), c.retryAfter(),
        c.detail() + "; " + why, c.providerCode()), status, ex.requestId, cause, false);
  }

  private void later(Duration delay, Prompt prompt) {
    context.scheduler().after(delay).whenComplete((v, t) -> {
      synchronized (this) {
        attempt(prompt);
      }
    });
  }

  private void fail(Classification c, int status, String requestId, Throwable cause,
      boolean circuitOpen) {
    finished = true;
    watchdog.remove(this);
    // A failure inside a 200 stream has no error status to report.
    channel.fail(record.failure(c, status == 200 ? 0 : status, requestId, cause, circuitOpen,
        stateFor(true)));
  }

  String method() {
    return site.method();
  }

  /** Where the stream is now. */
  synchronized StreamState state() {
    return stateFor(finished);
  }

  private StreamState stateFor(boolean done) {
    // What the caller will have once the pending chunks are read: nothing received is lost.
    return new StreamState(received.toString(), channel.deliveredChunks(), events, lastEventId,
        current == null ? 0 : current.number, done);
  }

  private long now() {
    return context.scheduler().nanoTime();
  }
}
