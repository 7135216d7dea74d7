package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Target;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.CallSite.Fallback.On;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A method's targets in the order a call tries them, each resolved once when the method is
 * bound, and the rule of when a call moves from one to the next. A method without a fallback
 * chain has a route of one target. {@link Attempts} asks it, after a target failed, which target
 * comes next; the shapes never see it. Immutable. Internal: not part of the API.
 */
public final class Route {
  private final Leg[] legs;
  private final Set<On> on;
  private final Hedging hedging;

  /**
   * One target, bound: what its attempts are sent with.
   *
   * @param site the method's call site for this target's provider and model, which its wire
   *     encodes
   * @param breaker the target's circuit breaker, or {@code null} when the method has none
   * @param retries the retry budget of the target's provider
   */
  public record Leg(Target target, CallSite site, Endpoint endpoint, DefaultCircuitBreaker breaker,
      RetryBank retries) {
    public Leg {
      Objects.requireNonNull(target, "target == null");
      Objects.requireNonNull(site, "site == null");
      Objects.requireNonNull(endpoint, "endpoint == null");
      Objects.requireNonNull(retries, "retries == null");
    }
  }

  /** @param on the failures a call moves on for; ignored with one leg */
  public Route(List<Leg> legs, Set<On> on) {
    this(legs, on, null);
  }

  /**
   * @param on the failures a call moves on for; ignored with one leg
   * @param hedging when a stream is also sent to the next target, or {@code null} for never
   */
  public Route(List<Leg> legs, Set<On> on, Hedging hedging) {
    if (legs.isEmpty()) {
      throw new IllegalArgumentException("a route needs a target");
    }
    this.legs = legs.toArray(new Leg[0]);
    this.on = Set.copyOf(on);
    this.hedging = legs.size() > 1 ? hedging : null;
  }

  /** The route of a method without a fallback chain. */
  public static Route single(Leg leg) {
    return new Route(List.of(leg), Set.of());
  }

  /** The method's hedge, or {@code null} when its streams are never hedged. */
  Hedging hedging() {
    return hedging;
  }

  /** The target at {@code index}, 0 being the first one a call tries. */
  public Leg leg(int index) {
    return legs[index];
  }

  /** How many targets the route has. */
  public int size() {
    return legs.length;
  }

  /** The index of the target after {@code index}, whatever the failure; -1 if it is the last. */
  public int next(int index) {
    return index + 1 < legs.length ? index + 1 : -1;
  }

  /**
   * Where a call goes once the target at {@code index} is given up for {@code failure}, which
   * may have opened its breaker: the next target if the chain moves on for an open breaker or for
   * the failure (a prompt too long only to the next larger-context target), else -1.
   */
  int after(int index, Classification failure, boolean breakerOpened) {
    if (legs.length == 1) {
      return -1;
    }
    if (breakerOpened && afterOpenBreaker(index) >= 0) {
      return afterOpenBreaker(index);
    }
    boolean contextLength = ErrorClassifier.isContextLength(failure);
    if (contextLength && on.contains(On.CONTEXT_LENGTH)) {
      for (int i = index + 1; i < legs.length; i++) {
        if (legs[i].target().largerContext()) {
          return i;
        }
      }
    }
    return on.contains(On.valueOf(failure.category().name())) ? next(index) : -1;
  }

  /** Where a call goes when the breaker of the target at {@code index} is open; -1 to stay. */
  int afterOpenBreaker(int index) {
    return on.contains(On.CIRCUIT_OPEN) ? next(index) : -1;
  }
}
