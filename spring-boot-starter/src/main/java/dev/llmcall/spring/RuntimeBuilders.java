package dev.llmcall.spring;

import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.StreamTimeouts;
import java.util.Locale;
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
    if (properties.readEnvironment()) {
      builder.environment(environment);
    }
    Map<String, String> variables = properties.readEnvironment() ? environment : Map.of();
    properties.providers().forEach((name, p) ->
        builder.provider(at("llmcall.providers." + name, () -> provider(name, p, variables))));
    set(properties.connectTimeout(),
        d -> at("llmcall.connect-timeout", () -> builder.connectTimeout(d)));
    set(properties.requestTimeout(),
        d -> at("llmcall.request-timeout", () -> builder.requestTimeout(d)));
    if (properties.maxResponseSize() != null) {
      long bytes = properties.maxResponseSize().toBytes();
      at("llmcall.max-response-size", () -> builder.maxResponseBytes(bytes));
    }
    LlmProperties.Stream stream = properties.stream();
    if (stream.firstToken() != null || stream.idle() != null || stream.total() != null) {
      StreamTimeouts defaults = StreamTimeouts.defaults();
      builder.streamTimeouts(at("llmcall.stream", () -> new StreamTimeouts(
          or(stream.firstToken(), defaults.firstToken()),
          or(stream.idle(), defaults.idle()),
          or(stream.total(), defaults.total()))));
    }
    properties.retryPolicies().forEach((name, p) ->
        builder.retryPolicy(name, at("llmcall.retry-policies." + name, () -> retryPolicy(name, p))));
    set(properties.defaultRetryPolicy(), builder::defaultRetryPolicy);
    CircuitBreakerConfig defaults = at("llmcall.default-circuit-breaker",
        () -> breaker(CircuitBreakerConfig.defaults(), properties.defaultCircuitBreaker()));
    builder.defaultCircuitBreaker(defaults);
    properties.circuitBreakers().forEach((name, b) ->
        builder.circuitBreaker(name, at("llmcall.circuit-breakers." + name, () -> breaker(defaults, b))));
    return builder;
  }

  /**
   * The provider as configured. Without an api-key property, the key comes from the environment
   * variable {@code fromEnvironment()} would read ({@code OPENAI_API_KEY}, {@code LOCAL_VLLM_API_KEY}),
   * so that setting only a base URL (a proxy, a gateway) keeps the key where it was.
   */
  static ProviderConfig provider(String name, LlmProperties.Provider p, Map<String, String> environment) {
    String apiKey = p.apiKey() != null ? p.apiKey()
        : environment.get(name.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY");
    ProviderConfig config = switch (name) {
      case "openai" -> ProviderConfig.openAi(apiKey);
      case "anthropic" -> ProviderConfig.anthropic(apiKey);
      case "xai" -> ProviderConfig.xai(apiKey);
      default -> {
        if (p.baseUrl() == null) {
          throw new IllegalArgumentException("base-url is required for a provider that is not"
              + " built in (openai, anthropic, xai)");
        }
        yield ProviderConfig.openAiCompatible(name, p.baseUrl(), apiKey);
      }
    };
    if (p.wire() != null && p.wire() != config.wire()) {
      throw new IllegalArgumentException("wire " + p.wire() + " does not fit: " + name
          + " speaks " + config.wire() + (BUILT_IN_PROVIDERS.contains(name) ? ""
          : ", the only wire the runtime offers for a provider that is not built in"));
    }
    return p.baseUrl() == null ? config : config.withBaseUrl(p.baseUrl());
  }

  static RetryPolicy retryPolicy(String name, LlmProperties.RetryPolicy p) {
    String baseName = p.base() != null ? p.base()
        : BUILT_IN_POLICIES.containsKey(name) ? name : "default";
    Supplier<RetryPolicy> base = BUILT_IN_POLICIES.get(baseName);
    if (base == null) {
      throw new IllegalArgumentException("base '" + baseName + "' is not a built-in policy; use one"
          + " of " + new TreeSet<>(BUILT_IN_POLICIES.keySet()));
    }
    RetryPolicy.Builder b = base.get().toBuilder();
    set(p.maxAttempts(), b::maxAttempts);
    set(p.initialDelay(), b::initialDelay);
    set(p.multiplier(), b::multiplier);
    set(p.maxDelay(), b::maxDelay);
    set(p.jitter(), b::jitter);
    set(p.retryOn(), b::retryOn);
    set(p.honorRetryAfter(), b::honorRetryAfter);
    set(p.maxRetryAfter(), b::maxRetryAfter);
    set(p.timeout(), b::timeout);
    set(p.waitOnOpenCircuit(), b::waitOnOpenCircuit);
    return b.build();
  }

  static CircuitBreakerConfig breaker(CircuitBreakerConfig base, LlmProperties.CircuitBreaker p) {
    CircuitBreakerConfig.Builder b = base.toBuilder();
    set(p.failureThreshold(), b::failureThreshold);
    set(p.failureRateThreshold(), b::failureRateThreshold);
    set(p.minimumCalls(), b::minimumCalls);
    if (p.windowDuration() != null) {
      b.window(CircuitBreakerConfig.SlidingWindow.time(p.windowDuration()));
    } else if (p.windowSize() != null) {
      b.window(CircuitBreakerConfig.SlidingWindow.count(p.windowSize()));
    }
    set(p.slowCallDuration(), b::slowCallDuration);
    set(p.rateLimitIsFailure(), b::rateLimitIsFailure);
    set(p.openDuration(), b::openDuration);
    set(p.openDurationMultiplier(), b::openDurationMultiplier);
    set(p.maxOpenDuration(), b::maxOpenDuration);
    set(p.halfOpenTrials(), b::halfOpenTrials);
    set(p.maxHalfOpenDuration(), b::maxHalfOpenDuration);
    set(p.healthCheckInterval(), b::healthCheckInterval);
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
