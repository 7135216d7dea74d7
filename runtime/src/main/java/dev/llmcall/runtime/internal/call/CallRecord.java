package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.spi.CallSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call leaves behind, streamed or not: its client request id, the attempt history (each
 * attempt also told to the listener), the usage of every attempt, the method's metrics, the
 * breaker's outcomes, and the one place the final {@link LlmException} is built, with the API key
 * redacted from every string in it. Not thread-safe: its call serializes access. Internal: not
 * part of the API.
 */
public final class CallRecord {
  private final CallSite site;
  private final Endpoint endpoint;
  private final DefaultCircuitBreaker breaker;
  private final MethodStats stats;
  private final CallContext context;
  private final String clientRequestId;
  private final List<Attempt> history = new ArrayList<>(2);
  private Usage usage = Usage.NONE;
  /** Each credential a supplier gave this call's attempts, to redact. */
  private final List<String> credentials = new ArrayList<>(1);

  CallRecord(CallSite site, Endpoint endpoint, DefaultCircuitBreaker breaker, MethodStats stats,
      CallContext context) {
    this.site = site;
    this.endpoint = endpoint;
    this.breaker = breaker;
    this.stats = stats;
    this.context = context;
    this.clientRequestId = context.newClientRequestId();
    stats.callStarted();
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
      stats.attemptStarted(!history.isEmpty()
          && history.get(history.size() - 1).waitSource() != WaitSource.REPAIR);
    }
    return permit;
  }

  /** An attempt succeeded: tell the breaker, keep it in the history. */
  void succeeded(long permit, long tookNanos, int status, Usage attemptUsage) {
    if (breaker != null) {
      breaker.onSuccess(permit, tookNanos);
    }
    add(null, status, tookNanos, Duration.ZERO, WaitSource.NONE, attemptUsage);
    stats.succeeded(history.size());
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

  /** An attempt ended with no outcome: its permit goes back to the breaker uncounted. */
  void abandoned(long permit) {
    if (breaker != null) {
      breaker.onIgnored(permit);
    }
  }

  /** Keeps a failed attempt in the history, with the wait that follows it, if any. */
  void failed(ErrorCategory category, int status, long tookNanos, Duration wait, WaitSource source,
      Usage attemptUsage) {
    add(category, status, tookNanos, wait, source, attemptUsage);
  }

  private void add(ErrorCategory failure, int status, long tookNanos, Duration wait,
      WaitSource source, Usage attemptUsage) {
    Usage reported = attemptUsage == null || attemptUsage.equals(Usage.NONE) ? null : attemptUsage;
    usage = usage.plus(reported);
    Attempt attempt = new Attempt(history.size() + 1, failure, status, Duration.ofNanos(tookNanos),
        wait, source, reported);
    history.add(attempt);
    context.notify(site.method(), endpoint.provider(), attempt);
  }

  /**
   * The last attempt's answer arrived but did not fit the structured result's schema: it is kept
   * as a {@code VALIDATION} failure sent back for repair, not as a success.
   */
  public void repairing() {
    Attempt last = history.remove(history.size() - 1);
    history.add(new Attempt(last.number(), ErrorCategory.VALIDATION, last.httpStatus(),
        last.duration(), Duration.ZERO, WaitSource.REPAIR, last.usage()));
    stats.repaired();
  }

  /** A retry the provider's budget did not allow. */
  void retryDenied() {
    stats.retryDenied();
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
    if (credential != null && !credential.equals(endpoint.apiKey()) && !credentials.contains(credential)) {
      credentials.add(credential);
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
    for (String credential : credentials) {
      redacted = redact(redacted, credential);
    }
    return redacted;
  }

  private static String redact(String text, String secret) {
    return text == null || secret == null || secret.length() < 4 ? text : text.replace(secret, "[redacted]");
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
        .cost(endpoint.cost(null, site.model(), usage))
        .cause(cause);
    if (received != null) {
      b.partialText(received.text()).refusal(redact(received.refusal())).stream(received.state());
    }
    return b.build();
  }
}
