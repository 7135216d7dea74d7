package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CallContextPropagator.Captured;
import dev.llmcall.runtime.CallContextPropagator.Scope;
import dev.llmcall.runtime.CallEvent;
import dev.llmcall.runtime.Cost;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.spi.CallSite;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call leaves behind, streamed or not: its client request id, the attempt history, the
 * usage of every attempt, the method's metrics, the breaker's outcomes, and the one place the
 * final {@link LlmException} is built, with the API key redacted from every string in it. It is
 * also the one place that tells the observers: the call's events (started, each attempt, first
 * token, ended once), its captured context and the log. With no listener and no propagator it
 * makes no event. Not thread-safe: its call serializes access. Internal: not part of the API.
 */
public final class CallRecord {
  private final CallSite site;
  /** The current target's: a fallback chain moves the call on (see {@link #target}). */
  private Endpoint endpoint;
  private DefaultCircuitBreaker breaker;
  private String model;
  private final MethodStats stats;
  private final CallContext context;
  private final String clientRequestId;
  /**
   * Immutable, replaced by each attempt: a response or an event keeps it as it is, without a
   * copy, and a call of one attempt makes one small list.
   */
  private List<Attempt> history = List.of();
  private Usage usage = Usage.NONE;
  /** The attempts that were tool rounds: more attempts, but not retries. */
  private int toolRounds;
  /** The attempts that lost a hedge's race: more attempts, but no failures retried. */
  private int racesLost;
  private final Observers observers;
  /** The call as events name it; {@code null} when nobody observes (no events are made). */
  private final CallEvent.Call call;
  private final Captured[] captured;
  private final long startNanos;
  /** Whether the caller decodes the answer, so the call ends with {@link #decoded}. */
  private boolean decodes;
  private boolean firstToken;
  private boolean ended;
  /** Each credential a supplier gave this call's attempts, to redact; {@code null} until one. */
  private List<String> credentials;

  CallRecord(CallSite site, Endpoint endpoint, DefaultCircuitBreaker breaker, MethodStats stats,
      CallContext context, Prompt asked) {
    this.site = site;
    this.endpoint = endpoint;
    this.breaker = breaker;
    this.model = site.model();
    this.stats = stats;
    this.context = context;
    this.clientRequestId = context.newClientRequestId();
    this.observers = context.observers();
    stats.callStarted();
    if (observers.active()) {
      startNanos = context.scheduler().nanoTime();
      call = new CallEvent.Call(site.method(), endpoint.provider(), site.model(), clientRequestId,
          site.circuitBreaker());
      CallEvent.Started started = new CallEvent.Started(call, asked.system(), asked.user());
      captured = observers.capture(started);
      emit(started);
    } else {
      startNanos = 0;
      call = null;
      captured = null;
    }
  }

  /**
   * The next attempts go to another target of the call's fallback chain: they are kept with its
   * provider and model, and its breaker hears them. The secrets of the target left stay redacted.
   */
  void target(Endpoint next, DefaultCircuitBreaker nextBreaker, String nextModel) {
    keepSecretsOf(endpoint);
    this.endpoint = next;
    this.breaker = nextBreaker;
    this.model = nextModel;
  }

  /** Makes the call's captured context current on this thread until the scope is closed. */
  Scope enter() {
    return observers.enter(captured);
  }

  /** Lets the captured context add its headers (a {@code traceparent}) to an attempt's request. */
  void prepare(HttpRequest.Builder request) {
    if (captured != null) {
      observers.addHeaders(captured, request);
    }
  }

  CallLog log() {
    return observers.log();
  }

  /** The caller decodes the answer (a structured result): the call ends at {@link #decoded}. */
  public void decodesAnswer() {
    decodes = true;
  }

  /** An answer arrived: unless the caller decodes it, the call ended with it. */
  <T> LlmResponse<T> answered(LlmResponse<T> response) {
    return decodes ? response : decoded(response);
  }

  /** The call ended with this response. */
  public <T> LlmResponse<T> decoded(LlmResponse<T> response) {
    end(CallEvent.Outcome.SUCCEEDED, response, null);
    return response;
  }

  /** A stream's first content arrived in the attempt started at {@code attemptStartNanos}. */
  void firstContent(long attemptStartNanos) {
    if (call == null || firstToken) {
      return;
    }
    firstToken = true;
    long now = context.scheduler().nanoTime();
    emit(new CallEvent.FirstToken(call, history.size() + 1, Duration.ofNanos(now - startNanos),
        Duration.ofNanos(now - attemptStartNanos)));
  }

  /** The call ended with no outcome: its reader or caller let go of it. */
  public void cancelled() {
    end(CallEvent.Outcome.ABANDONED, null, null);
  }

  private void end(CallEvent.Outcome outcome, LlmResponse<?> response, LlmException failure) {
    if (ended || call == null) {
      return;
    }
    ended = true;
    emit(new CallEvent.Ended(call, outcome, response, failure, history, usage,
        Duration.ofNanos(context.scheduler().nanoTime() - startNanos)));
  }

  private void emit(CallEvent event) {
    try (Scope ignored = enter()) {
      observers.emit(event);
    }
  }

  String clientRequestId() {
    return clientRequestId;
  }

  List<Attempt> history() {
    return history;
  }

  /** The usage of every attempt so far, added up. */
  Usage usage() {
    return usage;
  }

  /** The number the next attempt gets. */
  int nextAttempt() {
    return history.size() + 1;
  }

  /** Asks the breaker, if any, for the next attempt: a permit, or {@code REJECTED}. */
  long acquire() {
    long permit = breaker == null ? 0 : breaker.acquire();
    if (permit != DefaultCircuitBreaker.REJECTED) {
      WaitSource last = history.isEmpty() ? null : history.get(history.size() - 1).waitSource();
      stats.attemptStarted(last != null && last != WaitSource.REPAIR && last != WaitSource.FALLBACK
          && last != WaitSource.TOOL_ROUND);
    }
    return permit;
  }

  /** An attempt succeeded: tell the breaker, keep it in the history. */
  void succeeded(long permit, long tookNanos, int status, Usage attemptUsage) {
    if (breaker != null) {
      breaker.onSuccess(permit, tookNanos);
    }
    add(null, status, tookNanos, Duration.ZERO, WaitSource.NONE, attemptUsage);
    stats.succeeded(history.size() - toolRounds - racesLost);
  }

  /**
   * An attempt succeeded with an answer that asks for tools: the breaker hears of a success, the
   * history keeps a tool round, and the call goes on.
   */
  void toolRound(long permit, long tookNanos, int status, Usage attemptUsage) {
    if (breaker != null) {
      breaker.onSuccess(permit, tookNanos);
    }
    add(null, status, tookNanos, Duration.ZERO, WaitSource.TOOL_ROUND, attemptUsage);
    toolRounds++;
  }

  /**
   * An attempt failed: only the provider's failures count against the breaker, the caller's own
   * mistakes are ignored. The history entry follows with {@link #failed} once the wait is known,
   * because the breaker's answer here can change it.
   */
  void settleFailure(long permit, long tookNanos, Classification c) {
    if (breaker != null) {
      if (breaker.config().countsAsFailure(c.category())) {
        breaker.onFailure(permit, tookNanos, c.retryAfter());
      } else {
        breaker.onIgnored(permit);
      }
    }
    stats.attemptFailed(c.category());
  }

  /**
   * An attempt ended with no outcome: its permit goes back to the breaker uncounted, and the call
   * ended abandoned.
   */
  void abandoned(long permit) {
    if (breaker != null) {
      breaker.onIgnored(permit);
    }
    cancelled();
  }

  /** Keeps a failed attempt in the history, with the wait that follows it, if any. */
  void failed(ErrorCategory category, int status, long tookNanos, Duration wait, WaitSource source,
      Usage attemptUsage) {
    Attempt attempt = add(category, status, tookNanos, wait, source, attemptUsage);
    if (source != WaitSource.NONE) {
      observers.log().retry(site.method(), endpoint.provider(), attempt);
    }
  }

  private Attempt add(ErrorCategory failure, int status, long tookNanos, Duration wait,
      WaitSource source, Usage attemptUsage) {
    return add(failure, status, tookNanos, wait, source, attemptUsage, endpoint.provider(), model);
  }

  private Attempt add(ErrorCategory failure, int status, long tookNanos, Duration wait,
      WaitSource source, Usage attemptUsage, String provider, String attemptModel) {
    Usage reported = attemptUsage == null || attemptUsage.equals(Usage.NONE) ? null : attemptUsage;
    usage = usage.plus(reported);
    Attempt attempt = new Attempt(history.size() + 1, failure, status, Duration.ofNanos(tookNanos),
        wait, source, reported, provider, attemptModel);
    history = withLast(history.size(), attempt);
    if (call != null) {
      emit(new CallEvent.AttemptEnded(call, attempt));
    }
    return attempt;
  }

  /** The first {@code kept} attempts of the history, then {@code last}. */
  private List<Attempt> withLast(int kept, Attempt last) {
    if (kept == 0) {
      return List.of(last);
    }
    if (kept == 1) {
      return List.of(history.get(0), last);
    }
    Attempt[] all = history.subList(0, kept).toArray(new Attempt[kept + 1]);
    all[kept] = last;
    return List.of(all);
  }

  /**
   * A hedge went to {@code hedged}, another target of the chain, while the current attempt runs:
   * one more attempt (not a retry), and that target's secrets are redacted from this call too.
   */
  void hedgeSent(Endpoint hedged) {
    keepSecretsOf(hedged);
    stats.attemptStarted(false);
    stats.hedged();
  }

  /** The hedge delivered content first and became the call's attempt. */
  void hedgeWon() {
    stats.hedgeWon();
  }

  /**
   * An attempt that raced another for the first token ended, and the call goes on with the other:
   * kept in the history with its own target and {@link WaitSource#HEDGE}. One that lost the race
   * ({@code failure} null) is a TIMEOUT whose breaker permit goes back uncounted; one that failed
   * on its own tells its breaker as any failure does.
   */
  void raced(Route.Leg raced, long permit, long tookNanos, Classification failure, int status,
      Usage attemptUsage) {
    DefaultCircuitBreaker b = raced.breaker();
    if (b != null) {
      if (failure != null && b.config().countsAsFailure(failure.category())) {
        b.onFailure(permit, tookNanos, failure.retryAfter());
      } else {
        b.onIgnored(permit);
      }
    }
    if (failure != null) {
      stats.attemptFailed(failure.category());
    } else {
      racesLost++;
    }
    add(failure == null ? ErrorCategory.TIMEOUT : failure.category(), status, tookNanos,
        Duration.ZERO, WaitSource.HEDGE, attemptUsage, raced.endpoint().provider(),
        raced.site().model());
  }

  /**
   * The last attempt's answer arrived but did not fit the structured result's schema: it is kept
   * as a {@code VALIDATION} failure sent back for repair, not as a success.
   */
  public void repairing() {
    Attempt last = history.get(history.size() - 1);
    history = withLast(history.size() - 1, new Attempt(last.number(), ErrorCategory.VALIDATION,
        last.httpStatus(), last.duration(), Duration.ZERO, WaitSource.REPAIR, last.usage(),
        last.provider(), last.model()));
    stats.repaired();
  }

  /** A retry the provider's budget did not allow. */
  void retryDenied() {
    stats.retryDenied();
  }

  /**
   * The call waits for rate budget ({@code wait}), or for a bulkhead permit ({@code null}). A wait
   * for budget after a failed attempt is added to that attempt's wait, as {@link
   * WaitSource#RATE_SHAPING}; it is no attempt of its own.
   */
  void shapingWait(Duration wait) {
    stats.shapingWaited();
    if (wait != null && !history.isEmpty()) {
      Attempt last = history.get(history.size() - 1);
      history = withLast(history.size() - 1, new Attempt(last.number(), last.failure(),
          last.httpStatus(), last.duration(), last.waitAfter().plus(wait), WaitSource.RATE_SHAPING,
          last.usage(), last.provider(), last.model()));
    }
  }

  /** The call fails at once instead of waiting for rate budget or a bulkhead permit. */
  void shapingRejected() {
    stats.shapingRejected();
  }

  /** Whether the call's breaker, if any, is open now. */
  boolean breakerOpen() {
    return breaker != null && breaker.state() == dev.llmcall.runtime.CircuitBreaker.State.OPEN;
  }

  /** The circuit breaker's rejection, when the call will not wait for it. */
  Classification rejection(String what) {
    Duration open = breaker.remainingOpenTime();
    return new Classification(ErrorCategory.SERVER_ERROR, true, open.isZero() ? null : open,
        "circuit breaker '" + breaker.name() + "' is " + breaker.state() + ", so " + what
            + (open.isZero() ? "" : "; it lets a trial call through in " + open.toMillis() + " ms"),
        null);
  }

  /**
   * How long to wait for an open breaker, or {@code null} when the call does not wait for it: the
   * policy does not, the breaker gives no open time, or the wait would pass the deadline.
   */
  Duration waitForBreaker(boolean allowed, long remainingNanos, int maxAttempts) {
    Duration open = breaker.remainingOpenTime();
    boolean wait = allowed && !open.isZero() && open.toNanos() < remainingNanos
        && history.size() < maxAttempts;
    return wait ? open : null;
  }

  /** An attempt is sent with {@code credential}: it is redacted from this call's messages. */
  void credentialUsed(String credential) {
    if (credential == null || credential.equals(endpoint.apiKey())) {
      return;
    }
    keepRedacted(credential);
  }

  /** Keeps an endpoint's key and secret headers redacted, once the call went to it. */
  private void keepSecretsOf(Endpoint other) {
    keepRedacted(other.apiKey());
    other.secrets().forEach(this::keepRedacted);
  }

  private void keepRedacted(String secret) {
    if (secret == null) {
      return;
    }
    if (credentials == null) {
      credentials = new ArrayList<>(1);
    }
    if (!credentials.contains(secret)) {
      credentials.add(secret);
    }
  }

  /**
   * {@code text} without the API key, any credential an attempt of this call was sent with, or a
   * secret header's value, whatever field it came in.
   */
  String redact(String text) {
    String redacted = redact(text, endpoint.apiKey());
    for (String secret : endpoint.secrets()) {
      redacted = redact(redacted, secret);
    }
    if (credentials != null) {
      for (String credential : credentials) {
        redacted = redact(redacted, credential);
      }
    }
    return redacted;
  }

  private static String redact(String text, String secret) {
    return text == null || secret == null || secret.length() < 4 ? text : text.replace(secret, "[redacted]");
  }

  /**
   * What the call's usage cost at list price: each attempt at the price of the model it went to
   * (a fallback chain's targets have their own), the last one at the model that answered when
   * that is known; {@code null} when any attempt's model has no price.
   */
  Cost cost(String answeredModel) {
    boolean oneModel = true;
    for (Attempt a : history) {
      oneModel &= a.model() == null || a.model().equals(model);
    }
    if (oneModel) { // the common case: one price for all
      return endpoint.cost(answeredModel, model, usage);
    }
    Cost sum = Cost.ZERO;
    for (int i = 0; i < history.size(); i++) {
      Attempt a = history.get(i);
      if (a.usage() == null || a.usage().equals(Usage.NONE)) {
        continue;
      }
      String asked = a.model() != null ? a.model() : site.model();
      Cost c = endpoint.cost(i == history.size() - 1 ? answeredModel : null, asked, a.usage());
      if (c == null) {
        return null;
      }
      sum = sum.plus(c);
    }
    return sum;
  }

  /** The call's final failure; no string in it contains the API key, whatever its shape. */
  public LlmException failure(Classification c, int status, String requestId, Throwable cause,
      boolean circuitOpen, Attempts.Received received) {
    stats.failed(c.category());
    LlmException.Builder b = LlmException.builder(c.category(), redact(c.detail()))
        .retryable(c.retryable())
        .retryAfter(c.retryAfter())
        .httpStatus(status)
        .provider(endpoint.provider())
        .providerCode(redact(c.providerCode()))
        .requestId(redact(requestId))
        .clientRequestId(clientRequestId)
        .method(site.method())
        .history(history)
        .circuitOpen(circuitOpen)
        .usage(usage)
        .cost(cost(null))
        .cause(cause);
    if (received != null) {
      b.partialText(received.text()).refusal(redact(received.refusal())).stream(received.state());
    }
    LlmException e = b.build();
    observers.log().failed(e);
    end(CallEvent.Outcome.FAILED, null, e);
    return e;
  }
}
