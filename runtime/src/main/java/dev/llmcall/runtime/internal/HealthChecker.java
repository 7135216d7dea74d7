package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * While a circuit breaker is OPEN, asks its provider a cheap question (GET the model list) every
 * {@code healthCheckInterval}; a 2xx moves the breaker to HALF_OPEN at once, so no user's call is
 * spent finding out that the provider is back. Off unless a breaker's config sets the interval.
 * Probes run on one daemon thread per runtime, started on first need and stopped by
 * {@link #close()}. Internal: not part of the API.
 */
public final class HealthChecker implements AutoCloseable {
  /** The longest a probe may take, whatever the interval. */
  static final Duration MAX_PROBE_TIME = Duration.ofSeconds(10);

  /** When probes run; tests pass one they drive by hand. */
  interface Timer extends AutoCloseable {
    void schedule(Duration delay, Runnable task);

    @Override
    void close();
  }

  private final HttpTransport transport;
  private final Timer timer;
  private final Map<String, Endpoint> watched = new ConcurrentHashMap<>();
  private volatile boolean closed;

  HealthChecker(HttpTransport transport, Timer timer) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    this.timer = Objects.requireNonNull(timer, "timer == null");
  }

  /** A checker on a real daemon thread, created when the first probe is scheduled. */
  public static HealthChecker create(HttpTransport transport) {
    return new HealthChecker(transport, new DaemonTimer());
  }

  /**
   * Probes {@code endpoint} whenever {@code breaker} opens. The first endpoint bound to a breaker
   * is the one probed, when several providers share a breaker name.
   */
  public void watch(DefaultCircuitBreaker breaker, Endpoint endpoint) {
    if (watched.putIfAbsent(breaker.name(), endpoint) == null) {
      breaker.addListener(t -> {
        if (t.to() == CircuitBreaker.State.OPEN) {
          schedule(breaker);
        }
      });
    }
  }

  private void schedule(DefaultCircuitBreaker breaker) {
    Duration interval = breaker.config().healthCheckInterval();
    if (interval != null && !closed) {
      timer.schedule(interval, () -> probe(breaker));
    }
  }

  /** One probe, if the breaker is still OPEN; completes when its outcome is applied. */
  CompletableFuture<Void> probe(DefaultCircuitBreaker breaker) {
    Endpoint endpoint = watched.get(breaker.name());
    if (closed || endpoint == null || breaker.state() != CircuitBreaker.State.OPEN) {
      return CompletableFuture.completedFuture(null);
    }
    Duration interval = breaker.config().healthCheckInterval();
    Duration timeout = interval == null || interval.compareTo(MAX_PROBE_TIME) > 0
        ? MAX_PROBE_TIME : interval;
    return transport.sendAsync(ProviderWire.of(endpoint.wire()).probeRequest(endpoint)
            .timeout(timeout).build())
        .handle((response, failure) -> {
          if (failure == null && isSuccess(response)) {
            breaker.onHealthCheckSuccess();
          } else {
            schedule(breaker);
          }
          return null;
        });
  }

  private static boolean isSuccess(HttpResponse<?> response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  /** Stops probing; the thread, if one was started, ends. */
  @Override
  public void close() {
    closed = true;
    timer.close();
  }

  /** One daemon thread, made on first use; cancelled tasks are removed at once. */
  private static final class DaemonTimer implements Timer {
    private ScheduledThreadPoolExecutor executor;
    private boolean closed;

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
      if (closed) {
        return;
      }
      if (executor == null) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
          Thread t = new Thread(r, "llmcall-health-check");
          t.setDaemon(true);
          return t;
        });
        executor.setRemoveOnCancelPolicy(true);
      }
      executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }
}
