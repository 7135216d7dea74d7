package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.CallContextPropagator.Scope;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.StreamState;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Completion;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.internal.shaping.ShapedCall;
import dev.llmcall.runtime.spi.CallSite;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The attempt protocol, once for every call shape (blocking, async, {@code Stream}, {@code
 * LlmStream}, {@code Flow.Publisher}): the deadline, the breaker's permit, each attempt's timeout,
 * what a success or a failure means, whether and how long to wait, and the record of it all. The
 * shapes only send, read and wait as their execution model needs, and ask this class what comes
 * next:
 *
 * <pre>
 *   begin() -> Go.send(timeout) | Go.waitFor(delay) | LlmException
 *   ...send, read...
 *   toolRound(completion) -> the next round's Prompt (its tools ran, once) | null
 *   succeeded(completion) -> LlmResponse | LlmException (content filter where the shape cannot hold it)
 *   failed(classification, received) -> Decision.retry(delay) | Decision.resume(delay) | Decision.end(exception)
 * </pre>
 *
 * The rules, each written here and nowhere else:
 * <ul>
 *   <li>One deadline: the retry policy's timeout, shortened by the shape's own limit (a stream's
 *       total timeout); each attempt's timeout is the transport's, cut to what is left of it.
 *   <li>A failure before any content was received is retried from scratch, as the policy says.
 *       After content, the attempt is resumed when the method opted in and resuming is safe (never
 *       through a tool call), or the call ends with everything received. Never the reader's pace.
 *   <li>An answer that asks for tools, in a call that has some, is a tool round: the next
 *       attempt sends its results, within the same deadline and history ({@link ToolRounds}).
 *   <li>A retry is also one the provider's {@link dev.llmcall.runtime.RetryBudget} allows.
 *   <li>A route ({@link Route}) of several targets: once a target's own retries are spent on a
 *       failure its chain moves on for, or its breaker is open, the next attempt goes to the next
 *       target at once, its prompt encoded for that target's wire; never after content was
 *       received, and always within the one deadline.
 *   <li>A stream whose method hedges ({@link Hedging}) may also send its attempt, before any
 *       content, to the next target of its route ({@link #hedge}); whichever delivers content
 *       first is the call's attempt, the other is kept as lost or failed, its permits released.
 *   <li>Before each attempt, the provider's rate budget and bulkhead ({@link
 *       dev.llmcall.runtime.RateShaping}) let it go, make it wait (no attempt of its own), or end
 *       the call as RATE_LIMIT when the wait would pass the deadline or the queue is full.
 *   <li>An attempt whose failure opened the breaker does not sleep into it: the call waits for
 *       the breaker only when the policy waits for open breakers and it closes in time; else it
 *       ends at once.
 *   <li>A refusal or content filter is a result for shapes that can say so ({@code
 *       LlmResponse<String>}, {@code LlmStream}), a non-retryable CONTENT_FILTER failure for the
 *       others, with the text, the refusal and the usage.
 * </ul>
 * Not thread-safe: one call's attempts run one after another. Internal: not part of the API.
 */
public final class Attempts {
  private final CallSite site;
  private final Route route;
  private Route.Leg leg;
  private int legIndex;
  /** How many attempts the call made before the current target's first. */
  private int legBase;
  private Endpoint endpoint;
  private ProviderWire wire;
  private final RetryPolicy policy;
  private final CallContext context;
  private final CallRecord record;
  private RetryBank retries;
  private final AttemptRequests requests;
  private ShapedCall shaping;
  /** What the call asks first, for the rate budget of each target it goes to. */
  private final Prompt asked;
  private final long limitNanos;
  private final long deadlineNanos;
  private final boolean filterIsResult;
  private final ToolRounds tools;
  private long attemptStartNanos;
  private long permit;
  private String credential;

  /**
   * @param asked what the call asks first, for the observers
   * @param shapeLimit the shape's own limit on the whole call (a stream's total timeout), or
   *     {@code null}
   * @param filterIsResult whether the return type can hold a refusal or content filter
   */
  public Attempts(CallSite site, Route route, RetryPolicy policy, MethodStats stats,
      CallContext context, Prompt asked, Duration shapeLimit, boolean filterIsResult) {
    this.site = site;
    this.route = route;
    this.leg = route.leg(0);
    this.endpoint = leg.endpoint();
    this.wire = endpoint.wire();
    this.policy = policy;
    this.context = context;
    // the first target's call site: a route set at run time may start elsewhere than the method
    this.record = new CallRecord(leg.site(), endpoint, leg.breaker(), stats, context, asked);
    this.retries = leg.retries();
    retries.deposit();
    if (route.hedging() != null) {
      route.hedging().called();
    }
    this.limitNanos = shapeLimit == null ? policy.timeout().toNanos()
        : Math.min(policy.timeout().toNanos(), shapeLimit.toNanos());
    this.deadlineNanos = now() + limitNanos;
    this.filterIsResult = filterIsResult;
    this.asked = asked;
    this.shaping = context.shaping().call(endpoint, leg.site(), asked);
    this.tools = new ToolRounds(asked.tools(), record);
    this.requests = new AttemptRequests(record, site);
  }

  public CallRecord record() {
    return record;
  }

  /** The wire format of the current target, to read its answers. */
  public ProviderWire wire() {
    return wire;
  }

  /** The number of the attempt {@link #begin} let through last (1-based). */
  public int attemptNumber() {
    return record.nextAttempt();
  }

  /** The call's whole time, in milliseconds. */
  public long limitMillis() {
    return limitNanos / 1_000_000;
  }

  /** The attempt let through last ended with no outcome (the reader closed the stream). */
  public void abandoned() {
    shaping.ended(null, now());
    record.abandoned(permit);
  }

  /**
   * Makes the call's captured context current on this thread (see {@code CallContextPropagator}),
   * around an attempt's sending and its callbacks; a no-op scope when nothing is propagated.
   */
  public Scope enter() {
    return record.enter();
  }

  /** A stream's first content arrived in the attempt started at {@code attemptStartNanos}. */
  public void firstContent(long attemptStartNanos) {
    record.firstContent(attemptStartNanos);
    if (route.hedging() != null) {
      route.hedging().firstToken(legIndex, now() - attemptStartNanos);
    }
  }

  /** Nanoseconds left before the call's deadline; negative once it passed. */
  public long remainingNanos() {
    return deadlineNanos - now();
  }

  /** What the engine says before an attempt: send now, with a timeout, or wait first. */
  public record Go(Duration timeout, Duration delay) {
    public boolean send() {
      return timeout != null;
    }
  }

  /**
   * Before each attempt: the breaker's permit and the attempt's timeout, or a wait for an open
   * breaker. A closed runtime, a passed deadline or a breaker the call will not wait for end the
   * call, without traffic.
   *
   * @param what what did not happen, for the message: "the call was not sent"
   * @throws LlmException when the call ends here
   */
  public Go begin(String what) {
    attemptStartNanos = now();
    long remaining = deadlineNanos - attemptStartNanos;
    if (context.transport().isClosed()) {
      throw record.failure(Classification.closed(what), 0, null, null, false, null);
    }
    Go shaped = shape(what, remaining);
    if (shaped != null) {
      return shaped;
    }
    if (remaining <= 0) {
      throw record.failure(deadlinePassed(), 0, null, null, false, null);
    }
    permit = record.acquire();
    if (permit == DefaultCircuitBreaker.REJECTED) {
      shaping.cancel();
      int next = route.afterOpenBreaker(legIndex);
      if (next >= 0) {
        moveTo(next); // no traffic to a target whose breaker is open
        return begin(what); // its own rate budget and breaker, once per target at most
      }
      Duration wait = record.waitForBreaker(policy.waitOnOpenCircuit(), remaining, policy.maxAttempts());
      if (wait == null) {
        throw record.failure(record.rejection(what), 0, null, null, true, null);
      }
      return new Go(null, wait);
    }
    credential = credential(what);
    Duration perAttempt = context.transport().requestTimeout();
    return new Go(remaining < perAttempt.toNanos() ? Duration.ofNanos(remaining) : perAttempt, null);
  }

  /**
   * Rate shaping's word before an attempt: {@code null} to go on, a wait (for budget, or for a
   * bulkhead permit until the deadline at most), or the call's end as RATE_LIMIT.
   */
  private Go shape(String what, long remaining) {
    long admitted = shaping.admit(attemptStartNanos, remaining);
    if (admitted == ShapedCall.GO) {
      return null;
    }
    if (admitted == ShapedCall.REJECTED) {
      record.shapingRejected();
      Classification limit = new Classification(ErrorCategory.RATE_LIMIT, true, null,
          shaping.rejection() + ", so " + what, null);
      int next = route.after(legIndex, limit, false);
      if (next >= 0) { // a chain that moves on for RATE_LIMIT does not wait out a spent budget
        moveTo(next);
        return begin(what);
      }
      throw record.failure(limit, 0, null, null, false, null);
    }
    boolean permit = admitted == ShapedCall.PERMIT;
    Duration wait = Duration.ofNanos(permit ? remaining : admitted);
    record.shapingWait(permit ? null : wait);
    return new Go(null, wait);
  }

  /**
   * The credential of the attempt {@link #begin} let through: asked for once per attempt (a
   * rotated key, a fresh token) and kept to be redacted. A supplier that fails ends the call
   * before anything is sent, its permit returned to the breaker uncounted.
   */
  private String credential(String what) {
    String value;
    RuntimeException failure = null;
    try {
      value = endpoint.credential();
    } catch (RuntimeException e) {
      value = null;
      failure = e;
    }
    if (value == null && endpoint.suppliesCredentials()) {
      shaping.cancel();
      record.abandoned(permit);
      String why = failure == null ? "supplied none" : "threw " + failure.getClass().getName();
      throw record.failure(new Classification(ErrorCategory.AUTHENTICATION, false, null,
          "the credentials of provider '" + endpoint.provider() + "' " + why + ", so " + what, null),
          0, null, failure, false, null);
    }
    record.credentialUsed(value);
    return value;
  }

  /**
   * The request of an attempt to the current target: {@code prompt} encoded for its wire (once
   * per prompt and target), the provider's headers, the call's id, what the captured context adds
   * (a {@code traceparent}).
   */
  public HttpRequest request(Prompt prompt, Duration timeout, boolean stream) {
    byte[] body = requests.body(leg, prompt);
    shaping.sending(body.length);
    try {
      return requests.build(endpoint, credential, body, timeout, stream);
    } catch (RuntimeException e) { // a header the client refuses: nothing is sent, the permit goes back
      shaping.ended(null, now());
      throw e;
    }
  }

  /**
   * An attempt's response headers arrived, success or failure, plain or streamed: the provider's
   * rate-limit headers, if any, correct its budget.
   */
  public void responded(HttpHeaders headers) {
    shaping.responded(headers, now());
  }

  /**
   * An attempt's answer arrived whole. A refusal or content filter is the response where the
   * shape can hold it, and otherwise a non-retryable CONTENT_FILTER failure with the text.
   *
   * @param answered the prompt this answers, for the conversation turn the response completes
   * @param usage the usage of every attempt of a stream that was resumed, or of this attempt
   * @throws LlmException when the answer is a failure for this shape
   */
  public LlmResponse<String> succeeded(Completion c, Prompt answered, int status, String requestId,
      Usage usage) {
    shaping.ended(null, now());
    if (c.filtered() && !filterIsResult) {
      Classification filter = Classification.contentFilter(c.refusal() != null
          ? "the model refused: " + c.refusal()
          : "the provider withheld the output (finish reason " + c.finishReason() + ")");
      record.settleFailure(permit, took(), filter);
      record.failed(filter.category(), status, took(), Duration.ZERO, WaitSource.NONE, usage);
      throw record.failure(filter, 0, requestId, null, false,
          new Received(!c.text().isEmpty(), false, c.text(), c.refusal(), null));
    }
    record.succeeded(permit, took(), status, usage);
    if (record.log().exchanges()) {
      record.log().response(site.method(), status, requestId, took(), c.text(), record::redact);
    }
    return record.answered(new LlmResponse<>(c.text(), c.text(), endpoint.provider(), c.model(),
        c.finishReason(), record.usage(), record.redact(requestId), record.clientRequestId(),
        record.history(), c.refusal(), record.cost(c.model()),
        c.reasoning(), answered.turn(c.message())));
  }

  /**
   * An attempt's answer arrived whole: when it asks for tools and the call has some, the attempt
   * is kept as a tool round, the tools run (each call once: {@link ToolRounds}) and the next
   * round's prompt is returned, to be sent as the next attempt of the same call; {@code null} when
   * the answer is for {@link #succeeded}.
   *
   * @param answered the prompt this answers, with the call's tool rounds so far
   * @throws LlmException when the method's tool rounds are used up, or a tool threw and the
   *     method fails on tool errors
   */
  public Prompt toolRound(Completion c, Prompt answered, int status, String requestId, Usage usage) {
    ToolRounds.Round round = toolRoundStarted(c, answered, status, requestId, usage);
    if (round == null) {
      return null;
    }
    round.run();
    return toolRoundDone(round);
  }

  /**
   * {@link #toolRound} in three steps, for a shape that runs the tools outside its lock: this
   * keeps the attempt as a tool round and returns the round to run ({@link ToolRounds.Round#run},
   * on any thread, touching nothing of the call), or {@code null} when the answer is for {@link
   * #succeeded}; {@link #toolRoundDone} then gives the next round's prompt.
   *
   * @throws LlmException when the method's tool rounds are used up
   */
  public ToolRounds.Round toolRoundStarted(Completion c, Prompt answered, int status,
      String requestId, Usage usage) {
    if (!tools.asks(c)) {
      return null;
    }
    record.toolRound(permit, took(), status, usage);
    if (record.log().exchanges()) {
      record.log().response(site.method(), status, requestId, took(), c.message().toString(),
          record::redact);
    }
    return tools.start(answered, c);
  }

  /**
   * The next round's prompt, once {@code round}'s tools ran.
   *
   * @throws LlmException when a tool threw and the method fails on tool errors
   */
  public Prompt toolRoundDone(ToolRounds.Round round) {
    return tools.finish(round);
  }

  /**
   * What an attempt that failed had received: whether any content came (text, refusal,
   * reasoning, a tool-call fragment; pings and {@code message_start} are not content), whether
   * it may be resumed, and what the caller gets back if the call ends.
   *
   * @param text every chunk of text received, or {@code null}
   * @param refusal the refusal text received, or {@code null}
   * @param state the stream's state, for a stream
   */
  public record Received(boolean content, boolean resumable, String text, String refusal, StreamState state) {
    public static final Received NOTHING = new Received(false, false, null, null, null);
  }

  /** What comes after a failed attempt. */
  public record Decision(Duration delay, boolean resume, LlmException end) {
    public boolean again() {
      return end == null;
    }
  }

  /**
   * An attempt failed: the one place that decides whether the call goes on (from scratch or
   * resumed), after how long, or ends with everything it received.
   *
   * @param usage what the provider reported for this attempt, or {@code null}
   */
  public Decision failed(Classification c, int status, String requestId, Throwable cause, Usage usage,
      Received received) {
    long took = took();
    shaping.ended(c, now());
    if (record.log().exchanges()) {
      record.log().response(site.method(), status, requestId, took,
          c.category() + ": " + c.detail(), record::redact);
    }
    record.settleFailure(permit, took, c);
    long remaining = deadlineNanos - now();
    RetryDecision d = RetryDecision.decide(policy, c, record.nextAttempt() - legBase, remaining,
        context.random());
    String stop = d.stopReason();
    if (stop == null && received.content() && !received.resumable()) {
      stop = !site.resumeStream()
          ? "the stream broke after content was received; @Retry(resumeStream = true) would continue it"
          : received.text() == null || received.text().isEmpty()
          ? "the stream broke after content but before any text: there is nothing to resume from"
          : "a stream is never resumed through a tool call";
    }
    Duration wait = d.delay();
    WaitSource source = d.source();
    boolean circuitOpen = false;
    if (stop == null && record.breakerOpen()) {
      // a chain that moves on for an open breaker does so at once, without waiting for it
      Duration open = route.afterOpenBreaker(legIndex) >= 0 ? null
          : record.waitForBreaker(policy.waitOnOpenCircuit(), remaining, policy.maxAttempts());
      if (open == null) {
        stop = "the failure opened the circuit breaker, and the call does not wait for it";
        circuitOpen = true;
      } else if (open.compareTo(wait) > 0) {
        wait = open;
        source = WaitSource.CIRCUIT_OPEN;
      }
    }
    if (stop == null && !retries.withdraw()) {
      stop = retries.denial();
      record.retryDenied();
    }
    if (stop == null) {
      record.failed(c.category(), status, took, wait, source, usage);
      return new Decision(wait, received.content(), null);
    }
    int next = received.content() || remaining <= 0 ? -1 : route.after(legIndex, c, circuitOpen);
    if (next >= 0) {
      record.failed(c.category(), status, took, Duration.ZERO, WaitSource.FALLBACK, usage);
      moveTo(next);
      return new Decision(Duration.ZERO, false, null);
    }
    record.failed(c.category(), status, took, Duration.ZERO, WaitSource.NONE, usage);
    Classification last = c.retryable()
        ? new Classification(c.category(), true, c.retryAfter(), c.detail() + "; " + stop,
            c.providerCode())
        : c;
    return new Decision(null, false, record.failure(
        last, status == 200 ? 0 : status, requestId, cause, circuitOpen, received));
  }

  /** The next attempts go to the target at {@code index}, with their own retries. */
  private void moveTo(int index) {
    target(index);
    retries.deposit();
    shaping = context.shaping().call(endpoint, leg.site(), asked);
  }

  /** The call's target is now the one at {@code index}: its attempts are counted from here. */
  private void target(int index) {
    legIndex = index;
    leg = route.leg(index);
    legBase = record.nextAttempt() - 1;
    endpoint = leg.endpoint();
    wire = endpoint.wire();
    retries = leg.retries();
    record.target(endpoint, leg.breaker(), leg.site().model());
  }

  // ---- Hedged streams: the same request on the next target, racing for the first token ----

  /**
   * Whether the current attempt, begun at {@code attemptStartNanos} and with no content yet, is
   * due for a hedge at {@code nowNanos}: the method hedges, its route has a target after the
   * current one, and the hedge delay passed. The budget is asked only by {@link #hedge}.
   */
  public boolean hedgeDue(long attemptStartNanos, long nowNanos) {
    Hedging hedging = route.hedging();
    return hedging != null && route.next(legIndex) >= 0
        && nowNanos - attemptStartNanos >= hedging.delayNanos(legIndex);
  }

  /**
   * Begins a hedge of the current attempt: {@code prompt} for the next target of the route, sent
   * as {@link HedgeAttempt#send} says, with a timeout until its headers of {@code firstToken} at
   * most. {@code null}, with nothing taken, when the deadline passed, the runtime closed, or the
   * hedge would have to wait or fail: a hedge is an extra, it never waits and never fails the
   * call.
   */
  public HedgeAttempt hedge(Prompt prompt, Duration firstToken) {
    Hedging hedging = route.hedging();
    int index = route.next(legIndex);
    long now = now();
    long remaining = deadlineNanos - now;
    if (hedging == null || index < 0 || remaining <= 0 || context.transport().isClosed()) {
      return null;
    }
    Route.Leg next = route.leg(index);
    long perAttempt = Math.min(context.transport().requestTimeout().toNanos(), remaining);
    Duration timeout = Duration.ofNanos(Math.min(firstToken.toNanos(), perAttempt));
    return HedgeAttempt.send(next, index, context.shaping().call(next.endpoint(), next.site(), asked),
        hedging, prompt, timeout, record, requests, now);
  }

  /** The hedge's response headers arrived: its provider's rate-limit headers correct its budget. */
  public void hedgeResponded(HedgeAttempt h, HttpHeaders headers) {
    h.shaping.responded(headers, now());
  }

  /**
   * The hedge delivered content first: the current attempt lost the race (kept as a TIMEOUT with
   * {@link dev.llmcall.runtime.Attempt.WaitSource#HEDGE}, its permits back uncounted), and the
   * hedge is the call's attempt from now on, on its target, with that target's retries after it.
   */
  public void hedgeWon(HedgeAttempt h) {
    shaping.ended(null, now());
    record.raced(leg, permit, took(), null, 0, null);
    adopt(h);
    record.hedgeWon();
  }

  /**
   * The current attempt failed before any content while its hedge runs: the failure is kept
   * (its breaker hears it), and the call goes on with the hedge, on its target, at once.
   */
  public void gaveWay(HedgeAttempt h, Classification c, int status, Usage usage) {
    shaping.ended(c, now());
    record.raced(leg, permit, took(), c, status, usage);
    adopt(h);
  }

  /**
   * The current attempt delivered content first, or the call ends: the hedge is cancelled, kept
   * as a TIMEOUT with {@link dev.llmcall.runtime.Attempt.WaitSource#HEDGE}, its permits back
   * uncounted.
   */
  public void hedgeLost(HedgeAttempt h) {
    h.shaping.ended(null, now());
    record.raced(h.leg, h.permit, now() - h.startNanos, null, 0, null);
  }

  /** The hedge failed before any content while the current attempt goes on: it is kept as failed. */
  public void hedgeFailed(HedgeAttempt h, Classification c, int status, Usage usage) {
    h.shaping.ended(c, now());
    record.raced(h.leg, h.permit, now() - h.startNanos, c, status, usage);
  }

  private void adopt(HedgeAttempt h) {
    target(h.index);
    shaping = h.shaping;
    permit = h.permit;
    credential = h.credential;
    attemptStartNanos = h.startNanos;
  }

  /**
   * The wait of a shape that holds no thread: {@code next} runs after {@code delay}, on the
   * runtime's threads (never the timer's), or at once on this thread if the runtime closed, where
   * it finds the call over.
   */
  public void later(Duration delay, Runnable next) {
    CompletableFuture<Boolean> permit = shaping.pending();
    CompletableFuture<?> wait = permit != null ? permit : context.scheduler().after(delay);
    wait.whenComplete((ignored, t) -> context.transport().execute(next));
  }

  /**
   * The wait of a shape that holds its thread: {@code delay} on the runtime's scheduler, or,
   * for a bulkhead permit, until one is released or the deadline passes.
   */
  public void sleep(Duration delay) throws InterruptedException {
    CompletableFuture<Boolean> permit = shaping.pending();
    if (permit == null) {
      context.scheduler().sleep(delay);
      return;
    }
    try {
      permit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // never: a permit's wait always completes normally
    }
  }

  /** The call's end for an interrupted wait or exchange; the caller keeps the interrupt flag. */
  public LlmException interrupted(InterruptedException e, Received received) {
    shaping.ended(null, now());
    return record.failure(new Classification(ErrorCategory.UNKNOWN, false, null, "interrupted", null),
        0, null, e, false, received);
  }

  /** The call's end, not after an attempt: a closed runtime, a closed stream. */
  public LlmException ended(Classification c, Received received) {
    return record.failure(c, 0, null, null, false, received);
  }

  private Classification deadlinePassed() {
    return new Classification(ErrorCategory.TIMEOUT, false, null,
        "the call's deadline of " + limitNanos / 1_000_000 + " ms passed", null);
  }

  private long took() {
    return now() - attemptStartNanos;
  }

  private long now() {
    return context.scheduler().nanoTime();
  }
}
