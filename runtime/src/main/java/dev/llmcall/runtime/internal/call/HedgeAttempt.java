package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.internal.shaping.ShapedCall;
import java.net.http.HttpRequest;

/**
 * A hedge of a stream's attempt, sent by {@link Attempts#hedge}: the same request to the next
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
