package dev.llmcall.spring;

import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.CircuitBreakerMetrics;
import dev.llmcall.runtime.LlmRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The runtime's circuit breakers as health: {@code DOWN} while any breaker is OPEN (its provider
 * is failing), else {@code OUT_OF_SERVICE} while any is FORCED_OPEN (someone took it out), else
 * {@code UP}, HALF_OPEN and DISABLED included. The details list every breaker created so far with
 * its state, and for an open one how long it stays open and the failure rate that opened it.
 *
 * <p>An open breaker says a provider is failing, not that the application is broken: keep this
 * indicator out of a liveness group, or a restart would follow every provider outage.
 */
public final class LlmHealthIndicator implements HealthIndicator {
  private final LlmRuntime runtime;

  public LlmHealthIndicator(LlmRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime == null");
  }

  @Override
  public Health health() {
    boolean open = false;
    boolean forcedOpen = false;
    Map<String, Object> breakers = new LinkedHashMap<>();
    for (CircuitBreaker breaker : runtime.circuitBreakers()) {
      CircuitBreakerMetrics metrics = breaker.metrics();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("state", metrics.state().name());
      switch (metrics.state()) {
        case OPEN -> {
          open = true;
          details.put("remainingOpenTime", breaker.remainingOpenTime().toString());
          if (!Double.isNaN(metrics.failureRate())) {
            details.put("failureRate", metrics.failureRate());
          }
          details.put("rejectedCalls", metrics.rejectedCalls());
        }
        case FORCED_OPEN -> {
          forcedOpen = true;
          details.put("rejectedCalls", metrics.rejectedCalls());
        }
        default -> { }
      }
      breakers.put(breaker.name(), details);
    }
    Status status = open ? Status.DOWN : forcedOpen ? Status.OUT_OF_SERVICE : Status.UP;
    return Health.status(status).withDetail("circuitBreakers", breakers).build();
  }
}
