package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.spi.CallSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one invocation across its attempts: the encoded body, the client request id, the
 * deadline and the history. It turns each HTTP outcome into the next step, a response or a wait,
 * and builds the final {@link LlmException}. Not thread-safe: one invocation's attempts run one
 * after another. Internal: not part of the API.
 */
final class CallAttempts {
  private final CallSite site;
  private final Endpoint endpoint;
  private final ProviderWire wire;
  private final RetryPolicy policy;
  private final DefaultCircuitBreaker breaker;
  private final MethodStats stats;
  private final CallContext context;
  private final byte[] body;
  private final String clientRequestId;
  private final long deadlineNanos;
  private final List<Attempt> history = new ArrayList<>(2);
  private long attemptStartNanos;
  private long permit;

  CallAttempts(CallSite site, Endpoint endpoint, ProviderWire wire, RetryPolicy policy,
      DefaultCircuitBreaker breaker, MethodStats stats, CallContext context, byte[] body) {
    this.site = site;
    this.endpoint = endpoint;
    this.wire = wire;
    this.policy = policy;
    this.breaker = breaker;
    this.stats = stats;
    this.context = context;
    this.body = body;
    this.clientRequestId = context.newClientRequestId();
    this.deadlineNanos = context.scheduler().nanoTime() + policy.timeout().toNanos();
    stats.callStarted();
  }

  /** What comes after an attempt: a response to return, or a wait before the next attempt. */
  record Step(LlmResponse<String> response, Duration delay) {}

  /** What to do next: send {@code request}, or wait {@code delay} and ask again. */
  record Next(HttpRequest request, Duration delay) {}

  /**
   * The request for the next attempt, through the circuit breaker; its timeout never reaches past
   * the call's deadline. An open breaker means a wait for it, or the end of the call.
   */
  Next next() {
    attemptStartNanos = context.scheduler().nanoTime();
    long remaining = deadlineNanos - attemptStartNanos;
    if (remaining <= 0) {
      throw finish(new Classification(ErrorCategory.TIMEOUT, false, null,
          "the call's deadline of " + policy.timeout().toMillis() + " ms passed", null), 0, null, null);
    }
    if (breaker != null) {
      permit = breaker.acquire();
      if (permit == DefaultCircuitBreaker.REJECTED) {
        return new Next(null, waitForBreaker(remaining));
      }
    }
    stats.attemptStarted(history.size() + 1);
    Duration timeout = Duration.ofNanos(Math.min(remaining, context.transport().requestTimeout().toNanos()));
    return new Next(wire.newRequest(endpoint)
        .header("X-Client-Request-Id", clientRequestId)
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), null);
  }

  /**
   * How long to wait for a breaker that rejected this attempt: its remaining open time, when the
   * policy allows waiting and the wait ends before the deadline; otherwise the call ends here,
   * without any network traffic. A breaker with no known reopening time (forced open, or
   * half-open with its trials taken) ends the call too: there is nothing to wait for.
   */
  private Duration waitForBreaker(long remainingNanos) {
    Duration open = breaker.remainingOpenTime();
    boolean wait = policy.waitOnOpenCircuit() && !open.isZero()
        && open.toNanos() < remainingNanos && history.size() < policy.maxAttempts();
    if (wait) {
      return open;
    }
    String detail = "circuit breaker '" + breaker.name() + "' is " + breaker.state()
        + ", so the call was not sent"
        + (open.isZero() ? "" : "; it lets a trial call through in " + open.toMillis() + " ms");
    throw finish(new Classification(ErrorCategory.SERVER_ERROR, true, open.isZero() ? null : open,
        detail, null), 0, null, null, true);
  }

  /** The step after a response arrived, whatever its status. */
  Step onResponse(HttpResponse<byte[]> response) {
    String requestId = wire.requestId(response.headers());
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      return fail(ErrorClassifier.classifyHttp(status, response.headers(), text, context.clock()),
          status, requestId, null);
    }
    ProviderWire.Decoded decoded = wire.decode(response.body());
    if (decoded instanceof ProviderWire.Decoded.Failure) {
      return fail(((ProviderWire.Decoded.Failure) decoded).classification(), status, requestId, null);
    }
    Completion c = ((ProviderWire.Decoded.Success) decoded).completion();
    if (breaker != null) {
      breaker.onSuccess(permit, context.scheduler().nanoTime() - attemptStartNanos);
    }
    record(null, status, Duration.ZERO, WaitSource.NONE);
    stats.succeeded(history.size());
    return new Step(new LlmResponse<>(c.text(), c.text(), endpoint.provider(), c.model(),
        c.finishReason(), c.usage(), requestId, clientRequestId, history), null);
  }

  /** The step after the exchange failed without a response. */
  Step onTransportFailure(Throwable failure) {
    return fail(ErrorClassifier.classifyTransport(failure), 0, null, failure);
  }

  /** The exception for an interrupted wait or exchange. */
  LlmException interrupted(InterruptedException e) {
    return finish(new Classification(ErrorCategory.UNKNOWN, false, null, "interrupted", null), 0, null, e);
  }

  private Step fail(Classification c, int status, String requestId, Throwable cause) {
    recordInBreaker(c);
    long remaining = deadlineNanos - context.scheduler().nanoTime();
    RetryDecision decision = RetryDecision.decide(policy, c, history.size() + 1, remaining, context.random());
    stats.attemptFailed(c.category());
    if (decision.retry()) {
      record(c.category(), status, decision.delay(), decision.source());
      return new Step(null, decision.delay());
    }
    record(c.category(), status, Duration.ZERO, WaitSource.NONE);
    Classification last = c.retryable()
        ? new Classification(c.category(), true, c.retryAfter(),
            c.detail() + "; " + decision.stopReason(), c.providerCode())
        : c;
    throw finish(last, status, requestId, cause);
  }

  /** Only the provider's failures count against it; the caller's own mistakes are ignored. */
  private void recordInBreaker(Classification c) {
    if (breaker == null) {
      return;
    }
    if (breaker.config().countsAsFailure(c.category())) {
      breaker.onFailure(permit, context.scheduler().nanoTime() - attemptStartNanos, c.retryAfter());
    } else {
      breaker.onIgnored(permit);
    }
  }

  private void record(ErrorCategory failure, int status, Duration wait, WaitSource source) {
    Duration took = Duration.ofNanos(context.scheduler().nanoTime() - attemptStartNanos);
    Attempt attempt = new Attempt(history.size() + 1, failure, status, took, wait, source);
    history.add(attempt);
    context.notify(site.method(), endpoint.provider(), attempt);
  }

  private LlmException finish(Classification c, int status, String requestId, Throwable cause) {
    return finish(c, status, requestId, cause, false);
  }

  private LlmException finish(
      Classification c, int status, String requestId, Throwable cause, boolean circuitOpen) {
    stats.failed(c.category());
    return LlmException.builder(c.category(), redact(c.detail()))
        .retryable(c.retryable())
        .retryAfter(c.retryAfter())
        .httpStatus(status)
        .provider(endpoint.provider())
        .providerCode(c.providerCode())
        .requestId(requestId)
        .clientRequestId(clientRequestId)
        .method(site.method())
        .history(history)
        .circuitOpen(circuitOpen)
        .cause(cause)
        .build();
  }

  /** Providers sometimes echo the key they got; whatever its shape, it never leaves here. */
  private String redact(String detail) {
    String key = endpoint.apiKey();
    return key == null || key.length() < 4 ? detail : detail.replace(key, "[redacted]");
  }
}
