package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.RetryPolicy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The state of one non-streamed invocation across its attempts: the encoded body, the deadline
 * and its {@link CallRecord}. It turns each HTTP outcome into the next step, a response or a wait.
 * Not thread-safe: one invocation's attempts run one after another. Internal: not part of the API.
 */
final class CallAttempts {
  private final Endpoint endpoint;
  private final ProviderWire wire;
  private final RetryPolicy policy;
  private final CallRecord record;
  private final CallContext context;
  private final byte[] body;
  private final long deadlineNanos;
  private long attemptStartNanos;
  private long permit;

  /**
   * @param deadlineNanos the end of the whole call, on the scheduler's clock: repair rounds of a
   *     structured result share it with the first
   */
  CallAttempts(Endpoint endpoint, ProviderWire wire, RetryPolicy policy, CallRecord record,
      CallContext context, byte[] body, long deadlineNanos) {
    this.endpoint = endpoint;
    this.wire = wire;
    this.policy = policy;
    this.record = record;
    this.context = context;
    this.body = body;
    this.deadlineNanos = deadlineNanos;
  }

  CallRecord record() {
    return record;
  }

  /** The next round of the same call (a repair): same record, same deadline, a new body. */
  CallAttempts nextRound(byte[] nextBody) {
    return new CallAttempts(endpoint, wire, policy, record, context, nextBody, deadlineNanos);
  }

  /** What comes after an attempt: a response to return, or a wait before the next attempt. */
  record Step(LlmResponse<String> response, Duration delay) {}

  /** What to do next: send {@code request}, or wait {@code delay} and ask again. */
  record Next(HttpRequest request, Duration delay) {}

  /**
   * The request for the next attempt, through the circuit breaker; its timeout never reaches past
   * the call's deadline. An open breaker means a wait for it, or the end of the call without any
   * network traffic.
   */
  Next next() {
    attemptStartNanos = context.scheduler().nanoTime();
    long remaining = deadlineNanos - attemptStartNanos;
    if (context.transport().isClosed()) {
      throw record.failure(Classification.closed("the call was not sent"), 0, null, null, false, null);
    }
    if (remaining <= 0) {
      throw record.failure(new Classification(ErrorCategory.TIMEOUT, false, null,
          "the call's deadline of " + policy.timeout().toMillis() + " ms passed", null),
          0, null, null, false, null);
    }
    permit = record.acquire();
    if (permit == DefaultCircuitBreaker.REJECTED) {
      Duration wait = record.waitForBreaker(policy.waitOnOpenCircuit(), remaining, policy.maxAttempts());
      if (wait == null) {
        throw record.failure(record.rejection("the call was not sent"), 0, null, null, true, null);
      }
      return new Next(null, wait);
    }
    Duration perAttempt = context.transport().requestTimeout();
    Duration timeout = remaining < perAttempt.toNanos() ? Duration.ofNanos(remaining) : perAttempt;
    return new Next(wire.newRequest(endpoint)
        .header("X-Client-Request-Id", record.clientRequestId())
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), null);
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
    record.succeeded(permit, took(), status);
    return new Step(new LlmResponse<>(c.text(), c.text(), endpoint.provider(), c.model(),
        c.finishReason(), c.usage(), requestId, record.clientRequestId(), record.history()), null);
  }

  /** The step after the exchange failed without a response. */
  Step onTransportFailure(Throwable failure) {
    return fail(ErrorClassifier.classifyTransport(failure), 0, null, failure);
  }

  /** The exception for an interrupted wait or exchange. */
  LlmException interrupted(InterruptedException e) {
    return record.failure(new Classification(ErrorCategory.UNKNOWN, false, null, "interrupted", null),
        0, null, e, false, null);
  }

  private Step fail(Classification c, int status, String requestId, Throwable cause) {
    long remaining = deadlineNanos - context.scheduler().nanoTime();
    RetryDecision decision = RetryDecision.decide(policy, c, record.nextAttempt(), remaining, context.random());
    if (decision.retry()) {
      record.failed(permit, took(), c, status, decision.delay(), decision.source());
      return new Step(null, decision.delay());
    }
    record.failed(permit, took(), c, status, Duration.ZERO, WaitSource.NONE);
    Classification last = c.retryable()
        ? new Classification(c.category(), true, c.retryAfter(),
            c.detail() + "; " + decision.stopReason(), c.providerCode())
        : c;
    throw record.failure(last, status, requestId, cause, false, null);
  }

  private long took() {
    return context.scheduler().nanoTime() - attemptStartNanos;
  }
}
