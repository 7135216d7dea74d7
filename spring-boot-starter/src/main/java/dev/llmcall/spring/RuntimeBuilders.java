package dev.llmcall.spring;

import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.StreamTimeouts;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns {@link LlmProperties} into an {@link LlmRuntime.Builder}: every property that is set goes
 * to the builder method of the same meaning, and every one left out keeps the runtime's default.
 * The runtime's own checks apply; a bad value fails startup with a message naming the property.
 */
final class RuntimeBuilders {
  /**
   * The runtime's built-in policies, which a configured policy of the same name adjusts. They
   * mirror {@code LlmRuntime.Builder}'s, which the runtime does not list.
   */
  private static final Map<String, Supplier<RetryPolicy>> BUILT_IN_POLICIES = Map.of(
      "default", RetryPolicy::defaults,
      "none", RetryPolicy::none,
      "high-availability", RetryPolicy::highAvailability,
      "cost-sensitive", RetryPolicy::costSensitive,
      "development", RetryPolicy::development);

  private static final Set<String> BUILT_IN_PROVIDERS = Set.of("openai", "anthropic", "xai");

  private RuntimeBuilders() {}

  static LlmRuntime.Builder from(LlmProperties properties, Map<String, String> environment) {
    LlmRuntime.Builder builder = LlmRuntime.builder();
    if (properties.isReadEnvironment()) {
      builder.environment(environment);
    }
    properties.getProviders().forEach((name, p) ->
        builder.provider(at("llmcall.providers." + name, () -> provider(name, p))));
    set(properties.getConnectTimeout(),
        d -> at("llmcall.connect-timeout", () -> builder.connectTimeout(d)));
    set(properties.getRequestTimeout(),
        d -> at("llmcall.request-timeout", () -> builder.requestTimeout(d)));
    if (properties.getMaxResponseSize() != null) {
      long bytes = properties.getMaxResponseSize().toBytes();
      at("llmcall.max-response-size", () -> builder.maxResponseBytes(bytes));
    }
    LlmProperties.Stream stream = properties.getStream();
    if (stream.getFirstToken() != null || stream.getIdle() != null || stream.getTotal() != null) {
      StreamTimeouts defaults = StreamTimeouts.defaults();
      builder.streamTimeouts(at("llmcall.stream", () -> new StreamTimeouts(
          or(stream.getFirstToken(), defaults.firstToken()),
          or(stream.getIdle(), defaults.idle()),
          or(stream.getTotal(), defaults.total()))));
    }
    properties.getRetryPolicies().forEach((name, p) ->
        builder.retryPolicy(name, at("llmcall.retry-policies." + name, () -> retryPolicy(name, p))));
    set(properties.getDefaultRetryPolicy(), builder::defaultRetryPolicy);
    CircuitBreakerConfig defaults = at("llmcall.default-circuit-breaker",
        () -> breaker(CircuitBreakerConfig.defaults(), properties.getDefaultCircuitBreaker()));
    builder.defaultCircuitBreaker(defaults);
    properties.getCircuitBreakers().forEach((name, b) ->
        builder.circuitBreaker(name, at("llmcall.circuit-breakers." + name, () -> breaker(defaults, b))));
    return builder;
  }

  static ProviderConfig provider(String name, LlmProperties.Provider p) {
    ProviderConfig config = switch (name) {
      case "openai" -> ProviderConfig.openAi(p.getApiKey());
      case "anthropic" -> ProviderConfig.anthropic(p.getApiKey());
      case "xai" -> ProviderConfig.xai(p.getApiKey());
      default -> {
        if (p.getBaseUrl() == null) {
          throw new IllegalArgumentException("base-url is required for a provider that is not"
              + " built in (openai, anthropic, xai)");
        }
        yield ProviderConfig.openAiCompatible(name, p.getBaseUrl(), p.getApiKey());
      }
    };
    if (p.getWire() != null && p.getWire() != config.wire()) {
      throw new IllegalArgumentException("wire " + p.getWire() + " does not fit: " + name
          + " speaks " + config.wire() + (BUILT_IN_PROVIDERS.contains(name) ? ""
          : ", the only wire the runtime offers for a provider that is not built in"));
    }
    return p.getBaseUrl() == null ? config : config.withBaseUrl(p.getBaseUrl());
  }

  static RetryPolicy retryPolicy(String name, LlmProperties.RetryPolicy p) {
    String baseName = p.getBase() != null ? p.getBase()
        : BUILT_IN_POLICIES.containsKey(name) ? name : "default";
    Supplier<RetryPolicy> base = BUILT_IN_POLICIES.get(baseName);
    if (base == null) {
      throw new IllegalArgumentException("base '" + baseName + "' is not a built-in policy; use one"
          + " of " + new TreeSet<>(BUILT_IN_POLICIES.keySet()));
    }
    RetryPolicy.Builder b = base.get().toBuilder();
    set(p.getMaxAttempts(), b::maxAttempts);
    set(p.getInitialDelay(), b::initialDelay);
    set(p.getMultiplier(), b::multiplier);
    set(p.getMaxDelay(), b::maxDelay);
    set(p.getJitter(), b::jitter);
    set(p.getRetryOn(), b::retryOn);
    set(p.getHonorRetryAfter(), b::honorRetryAfter);
    set(p.getMaxRetryAfter(), b::maxRetryAfter);
    set(p.getTimeout(), b::timeout);
    set(p.getWaitOnOpenCircuit(), b::waitOnOpenCircuit);
    return b.build();
  }

  static CircuitBreakerConfig breaker(CircuitBreakerConfig base, LlmProperties.CircuitBreaker p) {
    CircuitBreakerConfig.Builder b = base.toBuilder();
    set(p.getFailureThreshold(), b::failureThreshold);
    set(p.getFailureRateThreshold(), b::failureRateThreshold);
    set(p.getMinimumCalls(), b::minimumCalls);
    if (p.getWindowDuration() != null) {
      b.window(CircuitBreakerConfig.SlidingWindow.time(p.getWindowDuration()));
    } else if (p.getWindowSize() != null) {
      b.window(CircuitBreakerConfig.SlidingWindow.count(p.getWindowSize()));
    }
    set(p.getSlowCallDuration(), b::slowCallDuration);
    set(p.getRateLimitIsFailure(), b::rateLimitIsFailure);
    set(p.getOpenDuration(), b::openDuration);
    set(p.getOpenDurationMultiplier(), b::openDurationMultiplier);
    set(p.getMaxOpenDuration(), b::maxOpenDuration);
    set(p.getHalfOpenTrials(), b::halfOpenTrials);
    set(p.getMaxHalfOpenDuration(), b::maxHalfOpenDuration);
    set(p.getHealthCheckInterval(), b::healthCheckInterval);
    return b.build();
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }

  /** Runs {@code step}, naming {@code property} in the message of a value the runtime refuses. */
  private static <T> T at(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException("Invalid " + property + ": " + e.getMessage(), e);
    }
  }
}
