package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.CallContextPropagator.Scope;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.StreamState;
import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.internal.call.Attempts;
import dev.llmcall.runtime.internal.call.CallContext;
import dev.llmcall.runtime.internal.call.ToolRounds;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import dev.llmcall.runtime.internal.provider.Completion;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.internal.provider.StreamAssembler;
import dev.llmcall.runtime.internal.transport.BoundedBody;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.CallSite;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One streamed call: what is about server-sent events (the exchange, its events, the hold-back of
 * resumed text, the resume prompt, the stream clocks), over the attempt protocol of
 * {@link Attempts}, which decides what each failure means. Every chunk received goes to the
 * {@link ChunkChannel} and stays there until the reader takes it, whatever happens next: a
 * failure is handed to the reader after the text that came before it. Every entry point holds
 * this object's lock; the network never waits on it for long. Internal: not part of the API.
 */
public final class StreamingCall implements HttpTransport.Live {
  private final CallSite site;
  private final Attempts attempts;
  private final CallContext context;
  private final StreamTimeouts timeouts;
  private final ChunkChannel channel;
  /** What the current round asks: the first prompt, then each tool round's. */
  private Prompt base;
  private final ReceivedText received;
  private final Hedge hedge;
  private int events;
  private String lastEventId;
  private boolean toolCallSeen;
  /** The reasoning of attempts before a resumed one, or {@code null}: the response has it all. */
  private String reasoningBefore;
  private StreamExchange current;
  private boolean finished;

  public StreamingCall(CallSite site, Attempts attempts, CallContext context, ChunkChannel channel,
      Prompt base) {
    this.site = site;
    this.attempts = attempts;
    this.context = context;
    this.timeouts = context.streamTimeouts();
    this.channel = channel;
    this.base = base;
    this.received = new ReceivedText(channel);
    this.hedge = new Hedge(attempts);
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
  public void start() {
    Sending first;
    synchronized (this) {
      first = open() ? prepare(base) : null;
    }
    if (first == null) {
      return;
    }
    try (Scope ignored = attempts.enter()) {
      context.transport().send(first.request(), handler(first.exchange()));
    } catch (IOException e) {
      onTransportFailure(first.exchange(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  /**
   * Sends the first attempt without blocking: for the push side, whose subscribe may not wait, and
   * for a hedged stream, whose hedge may win while the first target has not even sent its headers.
   */
  public synchronized void startAsync() {
    if (open()) {
      attemptLocked(base);
    }
  }

  /** Starts watching the call's clocks and close; false (and the call failed) if closed. */
  private boolean open() {
    if (!context.transport().track(this)) {
      end(attempts.ended(Classification.closed("the stream was not started"), received(true)));
      return false;
    }
    return true;
  }

  /** An attempt's exchange and its request, ready to send. */
  private record Sending(StreamExchange exchange, HttpRequest request) {}

  /** Sends an attempt without blocking (a retry or the push side's first attempt). */
  private void attempt(Prompt prompt) {
    Sending next = prepare(prompt);
    if (next == null) {
      return;
    }
    sendAsync(next.exchange(), next.request(), attempts.wire());
  }

  private void sendAsync(StreamExchange ex, HttpRequest request, ProviderWire wire) {
    ex.future = context.transport().sendAsync(request, handler(ex, wire));
    ex.future.whenComplete((r, t) -> {
      if (t != null) {
        onTransportFailure(ex, t);
      }
    });
  }

  /**
   * The next attempt's exchange, made current, and its request; {@code null} when the call is
   * over or must wait first (then the wait or the failure is already arranged).
   */
  private Sending prepare(Prompt prompt) {
    if (finished) {
      return null;
    }
    Attempts.Go go;
    try {
      go = attempts.begin("the stream was not started");
    } catch (LlmException e) {
      end(withState(e));
      return null;
    }
    if (!go.send()) {
      attempts.later(go.delay(), () -> attemptLocked(prompt));
      return null;
    }
    ProviderWire wire = attempts.wire(); // the target's: a fallback chain may have moved on
    StreamExchange ex = new StreamExchange(this, attempts.attemptNumber(), now(),
        wire.newStreamAssembler(), prompt.assistantPrefix() != null,
        context.transport().maxResponseBytes());
    current = ex;
    // Until the headers: the first-token timeout, or less if less is left of the call.
    Duration headers = timeouts.firstToken().compareTo(go.timeout()) < 0
        ? timeouts.firstToken() : go.timeout();
    return new Sending(ex, attempts.request(prompt, headers, true));
  }

  /** A 2xx body is read as events; any other status is read whole and classified. */
  private BodyHandler<Void> handler(StreamExchange ex) {
    return handler(ex, attempts.wire());
  }

  /** {@link #handler(StreamExchange)} for an exchange to the target of {@code wire}: a hedge's. */
  private BodyHandler<Void> handler(StreamExchange ex, ProviderWire wire) {
    return info -> {
      responded(ex, info.headers());
      if (info.statusCode() >= 200 && info.statusCode() < 300) {
        ex.requestId = wire.requestId(info.headers());
        return new SseBodySubscriber(ex, channel);
      }
      // An error body is read whole, bounded in size, and ends when the attempt is cancelled.
      BoundedBody errorBody = ex.errorBody(new BoundedBody(context.transport().maxResponseBytes()));
      return BodySubscribers.mapping(errorBody.apply(info), body -> {
        onHttpError(ex, info.statusCode(), wire.requestId(info.headers()),
            ErrorClassifier.classifyHttp(info.statusCode(), info.headers(),
                new String(body, StandardCharsets.UTF_8), context.clock()));
        return null;
      });
    };
  }

  // ---- Events from the exchange (each under this lock) ----

  private synchronized void responded(StreamExchange ex, HttpHeaders headers) {
    if (ex == current && !ex.ended) {
      attempts.responded(headers);
    } else if (hedge.isExchange(ex)) {
      hedge.responded(headers);
    }
  }

  synchronized void onEvent(StreamExchange ex, String type, byte[] data, int length, String id) {
    if (!live(ex)) {
      return;
    }
    events++;
    lastEventId = id == null || id.isEmpty() ? lastEventId : id;
    ex.lastActivityNanos = now();
    String text;
    try {
      text = ex.assembler.onEvent(type, data, length);
    } catch (StreamAssembler.StreamFailure f) {
      attemptFailed(ex, f.classification(), 200, null);
      return;
    }
    if (!raceSettled(ex)) {
      return; // a hedge's exchange without content yet: nothing of it is the stream's
    }
    if (ex.firstContentNanos == 0 && ex.assembler.content()) {
      ex.firstContentNanos = now();
      attempts.firstContent(ex.startNanos);
    }
    String reasoning = ex.assembler.takeReasoning();
    if (reasoning != null) {
      channel.offerReasoning(reasoning); // apart from the text, never held back: not resumed
    }
    if (text != null) {
      received.take(ex, text);
    }
    if (ex.assembler.done()) {
      attemptEnded(ex);
    }
  }

  /** A comment, or the body starting: the idle clock restarts, the first-token clock does not. */
  synchronized void onActivity(StreamExchange ex) {
    ex.lastActivityNanos = now();
  }

  synchronized void onBodyEnd(StreamExchange ex) {
    if (!live(ex)) {
      return;
    }
    if (ex.assembler.finished()) {
      attemptEnded(ex); // the model said why it stopped: only the terminator is missing
      return;
    }
    attemptFailed(ex, new Classification(ErrorCategory.NETWORK, true, null,
        "the stream ended before its terminal event", null), 200, null);
  }

  synchronized void onTransportFailure(StreamExchange ex, Throwable failure) {
    if (!live(ex)) {
      return;
    }
    if (ex.assembler.finished() && !(failure instanceof BoundedBody.TooLarge)) {
      attemptEnded(ex); // the model said why it stopped before the connection broke
      return;
    }
    attemptFailed(ex, ErrorClassifier.classifyTransport(failure), 0, failure);
  }

  private synchronized void onHttpError(
      StreamExchange ex, int status, String requestId, Classification c) {
    if (live(ex)) {
      ex.requestId = requestId;
      attemptFailed(ex, c, status, null);
    }
  }

  /**
   * From the transport's sweep ({@link #check}). The call's deadline (a stream's total timeout, or the policy's) ends the
   * attempt for good; the first-token clock runs until the first content (pings and comments do
   * not stop it) and the idle clock restarts with every event or comment; both fail the attempt
   * as a TIMEOUT, which the engine may retry.
   */
  synchronized void checkTimeouts(long now) {
    StreamExchange ex = current;
    if (finished || ex == null || ex.ended) {
      return;
    }
    if (attempts.remainingNanos() <= 0) {
      attemptFailed(ex, new Classification(ErrorCategory.TIMEOUT, false, null, "total stream timeout:"
          + " the stream ran longer than its deadline of "
          + Math.min(timeouts.total().toMillis(), attempts.limitMillis()) + " ms", null), 200, null);
    } else {
      checkClocks(ex, now);
    }
  }

  /**
   * An exchange's own clocks, the current one's or a racing hedge's: the first-token clock until
   * its first content, the idle clock from every event or comment; either fails it as a TIMEOUT.
   */
  private void checkClocks(StreamExchange ex, long now) {
    String late = ex.firstContentNanos == 0 && now - ex.startNanos >= timeouts.firstToken().toNanos()
        ? "first-token timeout: no content within " + timeouts.firstToken().toMillis() + " ms"
        : ex.lastActivityNanos != 0 && now - ex.lastActivityNanos >= timeouts.idle().toNanos()
        ? "idle timeout: no event for " + timeouts.idle().toMillis() + " ms"
        : null;
    if (late != null) {
      attemptFailed(ex, new Classification(ErrorCategory.TIMEOUT, true, null, late, null), 200, null);
    }
  }

  /** The consumer closed the stream: stop reading and release the connection. */
  synchronized void cancel() {
    channel.close();
    if (hedge.racing()) {
      hedge.lose();
    }
    if (current != null && !current.ended) {
      current.ended = true;
      current.cancel();
      attempts.abandoned();
    } else if (!finished) {
      attempts.record().cancelled(); // closed while waiting to retry: the call ends here too
    }
    finish();
  }

  @Override
  public void check(long nowNanos) {
    checkTimeouts(nowNanos);
    checkHedge(nowNanos);
  }

  /** The runtime is closing: the stream ends now, its reader gets what came and the failure. */
  @Override
  public synchronized void abortOnClose() {
    if (finished) {
      return;
    }
    StreamExchange ex = current;
    if (ex != null && !ex.ended) {
      attemptFailed(ex, Classification.closed("the stream was ended"), 0, null);
    } else {
      end(attempts.ended(Classification.closed("the stream was ended"), received(true)));
    }
  }

  /** The reader was interrupted while it waited: the stream ends, the exception says so. */
  synchronized LlmException interrupted(InterruptedException e) {
    cancel();
    return attempts.interrupted(e, received(true));
  }

  /** Asks the body for more once the consumer made room. Lock-free: the consumer calls it. */
  private void resumeDemand() {
    StreamExchange ex = current;
    if (ex != null) {
      ex.resume();
    }
  }

  // ---- The hedge (CallSite.Hedge): a second exchange racing the first for the first token ----

  /** Whether events of {@code ex} still count: the current exchange's, or a racing hedge's. */
  private boolean live(StreamExchange ex) {
    return !ex.ended && (ex == current || hedge.isExchange(ex));
  }

  /**
   * From the transport's sweep, after the stream's clocks: asks for the hedge once the current
   * attempt is due for one (started on the runtime's threads, not the sweep's), and times out a
   * racing hedge by its own first-token and idle clocks.
   */
  private synchronized void checkHedge(long now) {
    if (finished) {
      return;
    }
    StreamExchange ex = hedge.exchange();
    if (hedge.due(current, now)) {
      context.transport().execute(this::startHedge);
    } else if (ex != null) {
      checkClocks(ex, now);
    }
  }

  /** Sends the hedge, unless the current attempt got content or ended meanwhile. */
  private synchronized void startHedge() {
    if (finished || current == null || current.ended || current.firstContentNanos != 0) {
      return;
    }
    try (Scope ignored = attempts.enter()) {
      StreamExchange ex = hedge.start(this, base, timeouts.firstToken(), now(),
          context.transport().maxResponseBytes());
      if (ex != null) {
        sendAsync(ex, hedge.request(), hedge.wire());
      }
    }
  }

  /**
   * Settles the race at an event of {@code ex}: the first exchange with content (or its whole
   * answer) is the stream, the other is cancelled. True when {@code ex} is the stream's.
   */
  private boolean raceSettled(StreamExchange ex) {
    boolean content = ex.assembler.content() || ex.assembler.done();
    if (content) {
      hedge.contentArrived();
    }
    if (content && hedge.racing()) {
      raceEnded(ex);
    }
    return ex == current;
  }

  /** {@code ex} answered first, or whole: if a hedge races, {@code ex} wins it. */
  private void raceEnded(StreamExchange ex) {
    if (hedge.isExchange(ex)) {
      current = hedge.win(current);
    } else if (hedge.racing()) {
      hedge.lose();
    }
  }

  /**
   * A failure during a race: the hedge's own (the current attempt goes on), or the current
   * attempt's (the call goes on with the hedge, which is now the stream's exchange). False, the
   * hedge cancelled, when the call ends anyway: its deadline passed, the runtime or the stream
   * closed.
   */
  private boolean raceFailed(StreamExchange ex, Classification c, int status) {
    if (!hedge.racing()) {
      return false;
    }
    if (hedge.isExchange(ex)) {
      hedge.failed(c, status, ex.assembler.usage());
      return true;
    }
    if (attempts.remainingNanos() > 0 && !context.transport().isClosed() && !channel.isClosed()) {
      ex.ended = true;
      ex.cancel();
      current = hedge.gaveWay(c, status, ex.assembler.usage());
      return true;
    }
    hedge.lose();
    return false;
  }

  // ---- Outcomes ----

  private void attemptEnded(StreamExchange ex) {
    raceEnded(ex);
    received.flush(ex);
    ex.ended = true;
    Completion c = completion(ex);
    LlmResponse<String> response;
    try {
      ToolRounds.Round round = attempts.toolRoundStarted(c, base, 200, ex.requestId,
          ex.assembler.usage());
      if (round != null) {
        reasoningBefore = c.reasoning(); // the response's reasoning is every round's, as read
        // The tools run outside this call's lock, on the runtime's threads: a slow tool holds
        // neither the transport's sweep (every call's clocks) nor a reader who closes the stream.
        context.transport().execute(() -> runTools(round));
        return;
      }
      response = attempts.succeeded(c, base, 200, ex.requestId, ex.assembler.usage());
    } catch (LlmException e) {
      // The tool rounds ran out, a tool failed the call, or a refusal or content filter came
      // where the shape cannot hold it.
      end(withState(e));
      return;
    }
    finish();
    channel.complete(response);
  }

  /** Runs a round's tools, then goes on with the next round unless the stream ended meanwhile. */
  private void runTools(ToolRounds.Round round) {
    try (Scope ignored = attempts.enter()) {
      round.run();
    }
    synchronized (this) {
      if (finished) {
        return; // closed by its reader, or by the runtime, while the tools ran
      }
      try (Scope ignored = attempts.enter()) {
        nextRound(attempts.toolRoundDone(round));
      } catch (LlmException e) { // a tool failed the call
        end(withState(e));
      }
    }
  }

  /**
   * A tool round's tools ran: the same stream goes on with the next round's attempt, sent at once.
   * A failure before that round's content is retried from scratch, as a first round's is.
   */
  private void nextRound(Prompt next) {
    base = next;
    received.newRound();
    toolCallSeen = false;
    attempt(next);
  }

  private void attemptFailed(StreamExchange ex, Classification c, int status, Throwable cause) {
    if (raceFailed(ex, c, status)) {
      return;
    }
    received.flush(ex);
    ex.ended = true;
    ex.cancel();
    toolCallSeen |= ex.assembler.toolCall();
    reasoningBefore = joined(reasoningBefore, ex.assembler.reasoning());
    // What counts is this round's: the text of a round before a tool round is not this one's.
    boolean content = !received.roundEmpty() || ex.assembler.content();
    boolean resumable = site.resumeStream() && !toolCallSeen && !received.roundEmpty();
    Attempts.Decision d = attempts.failed(c, status, ex.requestId, cause, ex.assembler.usage(),
        new Attempts.Received(content, resumable, received.toString(), ex.assembler.refusal(),
            stateFor(true)));
    if (channel.isClosed()) {
      finish(); // nobody reads any more: the attempt is recorded, nothing is sent again
    } else if (!d.again()) {
      end(d.end());
    } else {
      Prompt next = d.resume()
          ? base.resumedAfter(received.round(), ContinueInstruction.forPrompt(base.user()))
          : base;
      attempts.later(d.delay(), () -> attemptLocked(next));
    }
  }

  /**
   * The ended attempt's completion, with the round's full text and, after a resume, the reasoning
   * of every attempt: the reader was handed all of it.
   */
  private Completion completion(StreamExchange ex) {
    Completion c = ex.assembler.completion(received.round());
    return reasoningBefore == null ? c : c.withReasoning(joined(reasoningBefore, c.reasoning()));
  }

  private static String joined(String a, String b) {
    return a == null ? b : b == null ? a : a + b;
  }

  /** An attempt sent without blocking, in the caller's context, on whatever thread. */
  private synchronized void attemptLocked(Prompt prompt) {
    try (Scope ignored = attempts.enter()) {
      attempt(prompt);
    }
  }

  /** The call ends with {@code e}: the reader gets every chunk received, then {@code e}. */
  private void end(LlmException e) {
    finish();
    channel.fail(e);
  }

  private void finish() {
    if (!finished) {
      finished = true;
      context.transport().untrack(this);
    }
  }

  private LlmException withState(LlmException e) {
    return e.toBuilder().partialText(received.toString()).stream(stateFor(true)).build();
  }

  private Attempts.Received received(boolean done) {
    return new Attempts.Received(!received.isEmpty(), false, received.toString(), null,
        stateFor(done));
  }

  String method() {
    return site.method();
  }

  /** Makes the caller's captured context current on this thread, for a subscriber's signals. */
  Scope enter() {
    return attempts.enter();
  }

  /** Where the stream is now. */
  synchronized StreamState state() {
    return stateFor(finished);
  }

  private StreamState stateFor(boolean done) {
    return new StreamState(received.toString(), channel.deliveredChunks(), events, lastEventId,
        current == null ? 0 : current.number, done);
  }

  private long now() {
    return context.scheduler().nanoTime();
  }
}
