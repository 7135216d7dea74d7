package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.Scheduler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * While a circuit breaker is OPEN, asks its provider a cheap question (GET the model list) every
 * {@code healthCheckInterval}; a 2xx moves the breaker to HALF_OPEN at once, so no user's call is
 * spent finding out that the provider is back. Off unless a breaker's config sets the interval.
 * Probes wait on the runtime's {@link Scheduler}, so a test drives them on virtual time. Internal: not part of the API.
 */
public final class HealthChecker implements AutoCloseable {
  /** The longest a probe may take, whatever the interval. */
  static final Duration MAX_PROBE_TIME = Duration.ofSeconds(10);

  private final HttpTransport transport;
  private final Scheduler scheduler;
  private final Map<String, Endpoint> watched = new ConcurrentHashMap<>();
  private final Set<Scheduler.Cancellable> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A checker whose probes wait on {@code scheduler}'s timers. */
  public HealthChecker(HttpTransport transport, Scheduler scheduler) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
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
      Scheduler.Cancellable[] timer = new Scheduler.Cancellable[1];
      timer[0] = scheduler.schedule(interval, () -> {
        pending.remove(timer[0]);
        probe(breaker);
      });
      pending.add(timer[0]);
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
    HttpRequest request;
    try {
      // Asked for each probe, as for each attempt: a rotated key or a fresh token.
      request = endpoint.wire().probeRequest(endpoint, endpoint.credential()).timeout(timeout).build();
    } catch (RuntimeException e) { // the credentials supplier failed: try again next interval
      schedule(breaker);
      return CompletableFuture.completedFuture(null);
    }
    return transport.sendAsync(request, timeout)
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

  /** Stops probing: pending probes are cancelled. */
  @Override
  public void close() {
    closed = true;
    pending.forEach(Scheduler.Cancellable::cancel);
    pending.clear();
  }
}
