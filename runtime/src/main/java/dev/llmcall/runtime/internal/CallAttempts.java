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
  private final MethodStats stats;
  private final CallContext context;
  private final byte[] body;
  private final String clientRequestId;
  private final long deadlineNanos;
  private final List<Attempt> history = new ArrayList<>(2);
  private long attemptStartNanos;

  CallAttempts(CallSite site, Endpoint endpoint, ProviderWire wire, RetryPolicy policy,
      MethodStats stats, CallContext context, byte[] body) {
    this.site = site;
    this.endpoint = endpoint;
    this.wire = wire;
    this.policy = policy;
    this.stats = stats;
    this.context = context;
    this.body = body;
    this.clientRequestId = context.newClientRequestId();
    this.deadlineNanos = context.scheduler().nanoTime() + policy.timeout().toNanos();
    stats.callStarted();
  }

  /** What comes after an attempt: a response to return, or a wait before the next attempt. */
  record Step(LlmResponse<String> response, Duration delay) {}

  /** The request for the next attempt; its timeout never reaches past the call's deadline. */
  HttpRequest nextRequest() {
    attemptStartNanos = context.scheduler().nanoTime();
    long remaining = deadlineNanos - attemptStartNanos;
    if (remaining <= 0) {
      throw finish(new Classification(ErrorCategory.TIMEOUT, false, null,
          "the call's deadline of " + policy.timeout().toMillis() + " ms passed", null), 0, null, null);
    }
    stats.attemptStarted(history.size() + 1);
    Duration timeout = Duration.ofNanos(Math.min(remaining, context.transport().requestTimeout().toNanos()));
    return wire.newRequest(endpoint)
        .header("X-Client-Request-Id", clientRequestId)
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
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

  private void record(ErrorCategory failure, int status, Duration wait, WaitSource source) {
    Duration took = Duration.ofNanos(context.scheduler().nanoTime() - attemptStartNanos);
    Attempt attempt = new Attempt(history.size() + 1, failure, status, took, wait, source);
    history.add(attempt);
    context.notify(site.method(), endpoint.provider(), attempt);
  }

  private LlmException finish(Classification c, int status, String requestId, Throwable cause) {
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
        .cause(cause)
        .build();
  }

  /** Providers sometimes echo the key they got; whatever its shape, it never leaves here. */
  private String redact(String detail) {
    String key = endpoint.apiKey();
    return key == null || key.length() < 4 ? detail : detail.replace(key, "[redacted]");
  }
}
