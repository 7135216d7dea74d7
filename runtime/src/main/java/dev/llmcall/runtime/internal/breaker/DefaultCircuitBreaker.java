package dev.llmcall.runtime.internal.breaker;

import static dev.llmcall.runtime.internal.breaker.BreakerState.nanos;
import static dev.llmcall.runtime.internal.breaker.BreakerWindow.FAILURE;
import static dev.llmcall.runtime.internal.breaker.BreakerWindow.OPEN_ON_CONSECUTIVE_FAILURES;
import static dev.llmcall.runtime.internal.breaker.BreakerWindow.SLOW;
import static dev.llmcall.runtime.internal.breaker.BreakerWindow.STAY_CLOSED;

import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.CircuitBreakerMetrics;
import dev.llmcall.runtime.internal.breaker.BreakerState.Closed;
import dev.llmcall.runtime.internal.breaker.BreakerState.Disabled;
import dev.llmcall.runtime.internal.breaker.BreakerState.ForcedOpen;
import dev.llmcall.runtime.internal.breaker.BreakerState.HalfOpen;
import dev.llmcall.runtime.internal.breaker.BreakerState.Open;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The circuit breaker that generated clients go through. The state is an immutable
 * {@link BreakerState} in one {@link AtomicReference}; every state change is one
 * compare-and-set, checked against {@link BreakerTransitions} and published to listeners after
 * the swap. Calls of a CLOSED period are counted in a {@link BreakerWindow}.
 *
 * <pre>{@code
 * long permit = breaker.acquire();
 * if (permit == DefaultCircuitBreaker.REJECTED) {
 *   throw circuitOpen(breaker.remainingOpenTime());
 * }
 * long start = clock.getAsLong();
 * try {
 *   Response r = send(request);
 *   breaker.onSuccess(permit, clock.getAsLong() - start);
 *   return r;
 * } catch (ProviderFailure e) {
 *   if (breaker.config().countsAsFailure(e.category())) {
 *     breaker.onFailure(permit, clock.getAsLong() - start, e.retryAfter());
 *   } else {
 *     breaker.onIgnored(permit);
 *   }
 *   throw e;
 * }
 * }</pre>
 *
 * <p>In CLOSED, {@link #acquire()} and {@link #onSuccess} allocate nothing: one volatile read,
 * and one short lock on the window. Internal: not part of the API.
 */
public final class DefaultCircuitBreaker implements CircuitBreaker {
  /** What {@link #acquire()} returns when the call must not be made. */
  public static final long REJECTED = -1;

  private final String name;
  private final LongSupplier nanoClock;
  private final AtomicReference<BreakerState> state;
  private volatile Settings settings;
  private final AtomicLong rejectedCalls = new AtomicLong();
  private final BreakerEvents events = new BreakerEvents(1);
  private final Object reconfigureLock = new Object();

  /** The config, with the window it shapes and the durations the hot paths compare against. */
  private record Settings(CircuitBreakerConfig config, BreakerWindow window, long slowCallNanos,
      long maxHalfOpenNanos) {
    Settings(CircuitBreakerConfig config, BreakerWindow window) {
      this(config, window,
          config.slowCallDuration() == null ? Long.MAX_VALUE : nanos(config.slowCallDuration()),
          nanos(config.maxHalfOpenDuration()));
    }
  }

  /**
   * A CLOSED breaker.
   *
   * @param nanoClock {@code System::nanoTime}, or a virtual clock in tests
   */
  public DefaultCircuitBreaker(String name, CircuitBreakerConfig config, LongSupplier nanoClock) {
    this.name = Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(config, "config == null");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock == null");
    this.state = new AtomicReference<>(new Closed(0, nanoClock.getAsLong()));
    this.settings = new Settings(config, BreakerWindow.of(config.window(), nanoClock, 0));
  }

  /**
   * Permission for one attempt: {@link #REJECTED}, or a stamp naming the state (epoch) it was
   * granted in, to hand back to exactly one of {@link #onSuccess}, {@link #onFailure} or
   * {@link #onIgnored}. Allocation-free.
   */
  public long acquire() {
    BreakerState s = state.get();
    if (s instanceof Closed || s instanceof Disabled) {
      return s.stamp();
    }
    return acquireSlowly(nanoClock.getAsLong());
  }

  private long acquireSlowly(long now) {
    while (true) {
      BreakerState s = settle(now);
      if (s instanceof HalfOpen h) {
        if (h.permits() >= settings.config().halfOpenTrials()) {
          rejectedCalls.incrementAndGet();
          return REJECTED;
        }
        if (state.compareAndSet(h, h.withPermits(h.permits() + 1))) {
          return h.stamp();
        }
      } else if (s instanceof Open || s instanceof ForcedOpen) {
        rejectedCalls.incrementAndGet();
        return REJECTED;
      } else {
        return s.stamp();
      }
    }
  }

  /**
   * The attempt succeeded, in {@code durationNanos}; slower than {@code slowCallDuration} counts
   * as a failure. A stamp from an older epoch is ignored. Allocation-free in CLOSED.
   */
  public void onSuccess(long stamp, long durationNanos) {
    BreakerState s = state.get();
    if (s.stamp() != stamp) {
      return;
    }
    Settings current = settings;
    int outcome = durationNanos > current.slowCallNanos ? FAILURE | SLOW : 0;
    if (s instanceof Closed c) {
      record(c, current, outcome, null);
    } else if (s instanceof HalfOpen) {
      if (outcome == 0) {
        trialSucceeded(stamp);
      } else {
        trialFailed(stamp, null, "a trial call was slower than " + current.config.slowCallDuration());
      }
    }
  }

  /**
   * The attempt failed in a way that counts against the provider (see
   * {@link CircuitBreakerConfig#countsAsFailure}). A stamp from an older epoch is ignored.
   *
   * @param retryHint how long the provider asked to wait, or {@code null}; if this failure opens
   *     the breaker, it stays open at least that long
   */
  public void onFailure(long stamp, long durationNanos, Duration retryHint) {
    BreakerState s = state.get();
    if (s.stamp() != stamp) {
      return;
    }
    Settings current = settings;
    int outcome = durationNanos > current.slowCallNanos ? FAILURE | SLOW : FAILURE;
    if (s instanceof Closed c) {
      record(c, current, outcome, retryHint);
    } else if (s instanceof HalfOpen) {
      trialFailed(stamp, retryHint, "a trial call failed");
    }
  }

  /**
   * An attempt whose outcome says nothing about the provider's health (e.g. a 400): gives back a
   * half-open permit, records nothing.
   */
  public void onIgnored(long stamp) {
    while (true) {
      BreakerState s = state.get();
      if (s.stamp() != stamp || !(s instanceof HalfOpen h)) {
        return;
      }
      if (h.permits() <= h.successes() || state.compareAndSet(h, h.withPermits(h.permits() - 1))) {
        return;
      }
    }
  }

  /** The provider answered a health check: an OPEN breaker moves to HALF_OPEN at once. */
  public void onHealthCheckSuccess() {
    long now = nanoClock.getAsLong();
    while (true) {
      BreakerState s = settle(now);
      if (!(s instanceof Open o)) {
        return;
      }
      if (transition(o, halfOpen(o, now), "a health check succeeded")) {
        return;
      }
    }
  }

  private void record(Closed s, Settings current, int outcome, Duration retryHint) {
    int verdict = current.window.record(s.epoch(), outcome, current.config);
    if (verdict != STAY_CLOSED) {
      transition(s, open(s, 1, retryHint, nanoClock.getAsLong()), openReason(current, verdict));
    }
  }

  private static String openReason(Settings current, int verdict) {
    BreakerWindow.Counts counts = current.window.counts();
    if (verdict == OPEN_ON_CONSECUTIVE_FAILURES) {
      return counts.consecutiveFailures() + " consecutive failures";
    }
    return String.format(Locale.ROOT, "failure rate %.0f%% of %d calls reached %.0f%%",
        100.0 * counts.failures() / counts.calls(), counts.calls(),
        100 * current.config.failureRateThreshold());
  }

  private void trialSucceeded(long stamp) {
    while (true) {
      BreakerState s = state.get();
      if (s.stamp() != stamp || !(s instanceof HalfOpen h)) {
        return;
      }
      HalfOpen next = h.withSuccess();
      int trials = settings.config.halfOpenTrials();
      if (next.successes() >= trials
          ? transition(h, new Closed(h.epoch() + 1, nanoClock.getAsLong()),
              trialCalls(next.successes()) + " succeeded")
          : state.compareAndSet(h, next)) {
        return;
      }
    }
  }

  private void trialFailed(long stamp, Duration retryHint, String reason) {
    long now = nanoClock.getAsLong();
    while (true) {
      BreakerState s = state.get();
      if (s.stamp() != stamp || !(s instanceof HalfOpen h)) {
        return;
      }
      if (transition(h, open(h, h.openCount() + 1, retryHint, now), reason)) {
        return;
      }
    }
  }

  /**
   * The state now, after the moves that time makes: OPEN past its open time becomes HALF_OPEN,
   * HALF_OPEN past its longest time decides.
   */
  private BreakerState settle(long now) {
    while (true) {
      BreakerState s = state.get();
      if (s instanceof Open o) {
        if (now - o.openUntilNanos() < 0) {
          return s;
        }
        transition(o, halfOpen(o, now), "open time passed");
      } else if (s instanceof HalfOpen h) {
        if (now - h.enteredAtNanos() < settings.maxHalfOpenNanos) {
          return s;
        }
        decideHalfOpen(h, now);
      } else {
        return s;
      }
    }
  }

  /**
   * HALF_OPEN for its longest time: a success (and, as it is still HALF_OPEN, no failure) closes
   * it; otherwise it opens again. The open time grows only if trials ran and none succeeded; with
   * no trial at all (no traffic, or only ignored outcomes) nothing was learnt about the provider.
   */
  private void decideHalfOpen(HalfOpen h, long now) {
    String waited = "no decision after " + settings.config.maxHalfOpenDuration() + " in HALF_OPEN: ";
    if (h.successes() > 0) {
      transition(h, new Closed(h.epoch() + 1, now), waited + trialCalls(h.successes()) + " succeeded");
    } else if (h.permits() == 0) {
      transition(h, open(h, h.openCount(), null, now), waited + "no trial call ran");
    } else {
      transition(h, open(h, h.openCount() + 1, null, now),
          waited + trialCalls(h.permits()) + " did not answer");
    }
  }

  private static String trialCalls(int n) {
    return n == 1 ? "1 trial call" : n + " trial calls";
  }

  private static HalfOpen halfOpen(Open o, long now) {
    return new HalfOpen(o.epoch() + 1, now, o.openCount(), 0, 0);
  }

  private Open open(BreakerState from, int openCount, Duration retryHint, long now) {
    return new Open(from.epoch() + 1, now, now + Open.nanos(settings.config, openCount, retryHint),
        openCount);
  }

  /**
   * The one way the state changes: checks the table, swaps, then publishes. Returns false, with
   * nothing done, if another thread changed the state first.
   */
  private boolean transition(BreakerState from, BreakerState to, String reason) {
    BreakerTransitions.check(from.state(), to.state());
    if (to.epoch() != from.epoch() + 1) {
      throw new IllegalStateException("epoch " + to.epoch() + " does not follow " + from.epoch());
    }
    if (!state.compareAndSet(from, to)) {
      return false;
    }
    if (to instanceof Closed) {
      settings.window.restart(to.epoch());
    }
    events.publish(to.epoch(), new Transition(name, from.state(), to.state(), reason));
    return true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public State state() {
    return settle(nanoClock.getAsLong()).state();
  }

  @Override
  public CircuitBreakerConfig config() {
    return settings.config;
  }

  @Override
  public void reconfigure(CircuitBreakerConfig config) {
    Objects.requireNonNull(config, "config == null");
    synchronized (reconfigureLock) { // two at once must not both keep, or both replace, the window
      BreakerWindow window = settings.window;
      if (!window.hasShape(config.window())) {
        window = BreakerWindow.of(config.window(), nanoClock, state.get().epoch());
      }
      settings = new Settings(config, window);
    }
  }

  @Override
  public void reset() {
    long now = nanoClock.getAsLong();
    while (true) {
      BreakerState s = state.get();
      if (transition(s, new Closed(s.epoch() + 1, now), "reset")) {
        return;
      }
    }
  }

  @Override
  public void forceOpen() {
    long now = nanoClock.getAsLong();
    while (true) {
      BreakerState s = state.get();
      if (s instanceof ForcedOpen || transition(s, new ForcedOpen(s.epoch() + 1, now), "forced open")) {
        return;
      }
    }
  }

  @Override
  public void disable() {
    long now = nanoClock.getAsLong();
    while (true) {
      BreakerState s = state.get();
      if (s instanceof Disabled || transition(s, new Disabled(s.epoch() + 1, now), "disabled")) {
        return;
      }
    }
  }

  @Override
  public Duration remainingOpenTime() {
    long now = nanoClock.getAsLong();
    BreakerState s = settle(now);
    return s instanceof Open o ? Duration.ofNanos(o.openUntilNanos() - now) : Duration.ZERO;
  }

  @Override
  public CircuitBreakerMetrics metrics() {
    long now = nanoClock.getAsLong();
    BreakerState s = settle(now);
    Settings current = settings;
    BreakerWindow.Counts counts = current.window.counts();
    double rate = counts.calls() >= current.config.minimumCalls()
        ? (double) counts.failures() / counts.calls() : Double.NaN;
    return new CircuitBreakerMetrics(name, s.state(), rate, counts.calls(), counts.failures(),
        counts.slowCalls(), counts.consecutiveFailures(), rejectedCalls.get(),
        Duration.ofNanos(Math.max(0, now - s.enteredAtNanos())), events.counts());
  }

  @Override
  public void addListener(Listener listener) {
    events.add(listener);
  }

  @Override
  public String toString() {
    return "DefaultCircuitBreaker{" + name + ", " + state.get().state() + "}";
  }
}
