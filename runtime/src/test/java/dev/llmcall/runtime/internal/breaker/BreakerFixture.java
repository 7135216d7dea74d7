package dev.llmcall.runtime.internal.breaker;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.llmcall.runtime.CircuitBreaker.Transition;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ErrorCategory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A breaker on a virtual clock, with one-line calls for the state-machine tests. */
final class BreakerFixture {
  /** How long a call takes unless a test says otherwise: fast. */
  static final long CALL_NANOS = Duration.ofMillis(10).toNanos();

  /** Virtual nanos; starts at a whole second so time windows line up with the steps. */
  final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  /** Every transition the breaker published, in order. */
  final List<Transition> seen = new CopyOnWriteArrayList<>();
  final DefaultCircuitBreaker breaker;

  BreakerFixture(CircuitBreakerConfig config) {
    breaker = new DefaultCircuitBreaker("openai", config, nanos::get);
    breaker.addListener(seen::add);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** A permit, which the test expects to get. */
  long permit() {
    long permit = breaker.acquire();
    assertNotEquals(DefaultCircuitBreaker.REJECTED, permit, "rejected in " + breaker.state());
    return permit;
  }

  void succeed() {
    breaker.onSuccess(permit(), CALL_NANOS);
  }

  void succeedIn(Duration took) {
    breaker.onSuccess(permit(), took.toNanos());
  }

  void fail() {
    breaker.onFailure(permit(), CALL_NANOS, null);
  }

  void failWithHint(Duration retryHint) {
    breaker.onFailure(permit(), CALL_NANOS, retryHint);
  }

  /** What the call pipeline does with a failed attempt of this category. */
  void failWith(ErrorCategory category) {
    long permit = permit();
    if (breaker.config().countsAsFailure(category)) {
      breaker.onFailure(permit, CALL_NANOS, null);
    } else {
      breaker.onIgnored(permit);
    }
  }

  boolean rejects() {
    return breaker.acquire() == DefaultCircuitBreaker.REJECTED;
  }

  /** The transitions seen so far, as {@code "FROM->TO"}. */
  List<String> moves() {
    return seen.stream().map(t -> t.from() + "->" + t.to()).toList();
  }

  /** The reason of the last transition. */
  String lastReason() {
    return seen.get(seen.size() - 1).reason();
  }
}
