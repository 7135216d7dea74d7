package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.internal.shaping.ShapedCall;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * A hedge of a stream's attempt, sent by {@link #send} for {@link Attempts#hedge}: the same request to the next
 * target of the route, with that target's own rate budget, bulkhead permit, breaker permit and
 * credential, held until the race for the first token is settled (each released exactly once,
 * by {@link Attempts#hedgeLost}, {@link Attempts#hedgeFailed}, or taken over by the call when
 * the hedge wins). Guarded by its call's lock. Internal: not part of the API.
 */
public final class HedgeAttempt {
  final Route.Leg leg;
  final int index;
  final ShapedCall shaping;
  final long permit;
  final String credential;
  final long startNanos;
  private final int number;
  private final HttpRequest request;

  HedgeAttempt(Route.Leg leg, int index, ShapedCall shaping, long permit, String credential,
      long startNanos, int number, HttpRequest request) {
    this.leg = leg;
    this.index = index;
    this.shaping = shaping;
    this.permit = permit;
    this.credential = credential;
    this.startNanos = startNanos;
    this.number = number;
    this.request = request;
  }

  /**
   * A hedge of a call's attempt, sent to {@code next} (the target at {@code index} of its route),
   * with that target's rate budget and bulkhead permit ({@code shaped}), breaker permit and
   * credential, all taken now; {@code null}, with each of them given back uncounted, when the
   * hedge would have to wait (rate budget, bulkhead), that target's breaker rejects it, the
   * hedge budget is spent, or its credentials fail.
   */
  static HedgeAttempt send(Route.Leg next, int index, ShapedCall shaped, Hedging hedging,
      Prompt prompt, Duration timeout, CallRecord record, AttemptRequests requests, long now) {
    if (!shaped.admitNow(now)) {
      return null;
    }
    long permit = next.breaker() == null ? 0 : next.breaker().acquire();
    if (permit == DefaultCircuitBreaker.REJECTED) {
      shaped.cancel();
      return null;
    }
    if (!hedging.allowed()) {
      unsent(next, shaped, permit);
      return null;
    }
    HttpRequest request;
    String key;
    try {
      key = next.endpoint().credential();
      if (key == null && next.endpoint().suppliesCredentials()) {
        unsent(next, shaped, permit);
        return null;
      }
      record.credentialUsed(key);
      byte[] body = next.endpoint().wire().encode(next.endpoint(), next.site(), prompt);
      shaped.sending(body.length);
      request = requests.build(next.endpoint(), key, body, timeout, true);
    } catch (RuntimeException e) { // a failing credential supplier, a header the client refuses
      unsent(next, shaped, permit);
      return null;
    }
    next.retries().deposit();
    record.hedgeSent(next.endpoint());
    return new HedgeAttempt(next, index, shaped, permit, key, now, record.nextAttempt() + 1,
        request);
  }

  /** A hedge that is not sent after all: its rate budget and permits go back, uncounted. */
  private static void unsent(Route.Leg next, ShapedCall shaped, long permit) {
    shaped.cancel();
    if (next.breaker() != null) {
      next.breaker().onIgnored(permit);
    }
  }

  /** The request to send: the call's prompt, encoded for the hedge target's wire. */
  public HttpRequest request() {
    return request;
  }

  /** The wire format of the hedge's target, to read its answer. */
  public ProviderWire wire() {
    return leg.endpoint().wire();
  }

  /** The hedge's attempt number: the one after the attempt it races. */
  public int number() {
    return number;
  }
}
