package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.call.Attempts;
import dev.llmcall.runtime.internal.call.HedgeAttempt;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * A stream's hedge ({@code CallSite.Hedge}), on the side of server-sent events: once the current
 * attempt has had no content for the hedge delay, a second exchange, to the next target of the
 * route, races it for the first token. The first of the two with content (or with its whole
 * answer) is the stream; the other is cancelled at once, its connection closed and its permits
 * released by the engine ({@link Attempts#hedgeWon}, {@link Attempts#hedgeLost}). At most one
 * per call, and none once any content arrived (a tool call is content). Guarded by the call's
 * lock. Internal: not part of the API.
 */
final class Hedge {
  private final Attempts attempts;
  /** No hedge from now on: one was asked for, or content arrived. */
  private boolean spent;
  private HedgeAttempt attempt;
  /** The hedge's exchange while it races the current one; {@code null} otherwise. */
  private StreamExchange exchange;

  Hedge(Attempts attempts) {
    this.attempts = attempts;
  }

  /**
   * Whether {@code current}, still without content, is due for its hedge at {@code now}; if it
   * is, the call's one hedge is spent on it, to be started once.
   */
  boolean due(StreamExchange current, long now) {
    if (spent || current == null || current.ended || current.firstContentNanos != 0
        || !attempts.hedgeDue(current.startNanos, now)) {
      return false;
    }
    spent = true;
    return true;
  }

  /** Content arrived on some exchange: nothing is hedged from now on. */
  void contentArrived() {
    spent = true;
  }

  /**
   * The hedge's exchange, begun for {@code prompt} on the next target and racing from now on;
   * {@code null} when the engine sends no hedge (its budget, the target's admission or breaker).
   */
  StreamExchange start(StreamingCall call, Prompt prompt, Duration firstToken, long now,
      long maxBytes) {
    attempt = attempts.hedge(prompt, firstToken);
    if (attempt == null) {
      return null;
    }
    exchange = new StreamExchange(call, attempt.number(), now, attempt.wire().newStreamAssembler(),
        prompt.assistantPrefix() != null, maxBytes);
    return exchange;
  }

  HttpRequest request() {
    return attempt.request();
  }

  ProviderWire wire() {
    return attempt.wire();
  }

  /** Whether a hedge races the current attempt now. */
  boolean racing() {
    return exchange != null;
  }

  /** The racing hedge's exchange, or {@code null}. */
  StreamExchange exchange() {
    return exchange;
  }

  boolean isExchange(StreamExchange ex) {
    return ex != null && ex == exchange;
  }

  void responded(HttpHeaders headers) {
    attempts.hedgeResponded(attempt, headers);
  }

  /** The current attempt delivered first, or the call ends: the hedge is cancelled. */
  void lose() {
    StreamExchange ex = end();
    ex.cancel();
    attempts.hedgeLost(attempt);
  }

  /** The hedge failed before content; the current attempt goes on. */
  void failed(Classification c, int status, Usage usage) {
    StreamExchange ex = end();
    ex.cancel();
    attempts.hedgeFailed(attempt, c, status, usage);
  }

  /** The hedge delivered first: {@code current} is cancelled; returns the stream's exchange now. */
  StreamExchange win(StreamExchange current) {
    current.ended = true;
    current.cancel();
    attempts.hedgeWon(attempt);
    return take();
  }

  /** The current attempt failed before content: returns the hedge's exchange, the stream's now. */
  StreamExchange gaveWay(Classification c, int status, Usage usage) {
    attempts.gaveWay(attempt, c, status, usage);
    return take();
  }

  private StreamExchange end() {
    StreamExchange ex = take();
    ex.ended = true;
    return ex;
  }

  private StreamExchange take() {
    StreamExchange ex = exchange;
    exchange = null;
    return ex;
  }
}
