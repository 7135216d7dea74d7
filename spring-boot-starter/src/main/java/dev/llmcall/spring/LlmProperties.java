package dev.llmcall.spring;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code llmcall.*} properties the auto-configured {@code LlmRuntime} is built from. Every
 * setting left out ({@code null}) keeps the runtime's default.
 *
 * <pre>
 * llmcall:
 *   providers:
 *     local-vllm:
 *       base-url: http://gpu-box:8000/v1
 *   request-timeout: 90s
 *   retry-policies:
 *     patient:
 *       max-attempts: 6
 *   circuit-breakers:
 *     openai:
 *       failure-threshold: 3
 * </pre>
 *
 * @param readEnvironment whether providers not configured under llmcall.providers are read from
 *     the process environment, as LlmRuntime.fromEnvironment() does: OPENAI_API_KEY,
 *     ANTHROPIC_API_KEY, XAI_API_KEY, their *_BASE_URL, and NAME_BASE_URL for any other name
 * @param providers providers by name; they win over the environment
 * @param connectTimeout time to open a connection; the runtime's default is 10 s
 * @param requestTimeout time for one HTTP attempt, body included; the runtime's default is 10
 *     minutes
 * @param maxResponseSize the longest response body a call reads; the runtime's default is 32 MiB
 * @param stream the clocks of streamed calls
 * @param defaultRetryPolicy the retry policy of methods without @Retry; the runtime's default is
 *     "default"
 * @param retryPolicies retry policies by name; a built-in name (default, none,
 *     high-availability, cost-sensitive, development) adjusts that policy, another name starts
 *     from "default" or from its base
 * @param defaultCircuitBreaker settings of every circuit breaker without its own entry
 * @param circuitBreakers circuit breakers by name; each starts from default-circuit-breaker
 * @param clients how generated clients become beans
 */
@ConfigurationProperties("llmcall")
public record LlmProperties(
    @DefaultValue("true") boolean readEnvironment,
    Map<String, Provider> providers,
    Duration connectTimeout,
    Duration requestTimeout,
    DataSize maxResponseSize,
    @DefaultValue Stream stream,
    String defaultRetryPolicy,
    Map<String, RetryPolicy> retryPolicies,
    @DefaultValue CircuitBreaker defaultCircuitBreaker,
    Map<String, CircuitBreaker> circuitBreakers,
    @DefaultValue Clients clients) {

  /** Sorts the maps by name, so the runtime is built in the same order every time. */
  public LlmProperties {
    providers = sorted(providers);
    retryPolicies = sorted(retryPolicies);
    circuitBreakers = sorted(circuitBreakers);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : new TreeMap<>(map);
  }

  /**
   * One provider. The key is never shown by {@link #toString()}.
   *
   * @param wire the wire format; openai, anthropic and xai have theirs, and any other name speaks
   *     openai-chat, the only one the runtime offers for other names
   * @param apiKey the API key; optional for an OpenAI-compatible server that needs none
   * @param baseUrl the base URL; required for a provider that is not built in
   */
  public record Provider(ProviderConfig.Wire wire, String apiKey, URI baseUrl) {
    @Override
    public String toString() {
      return "Provider[wire=" + wire + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>")
          + ", baseUrl=" + baseUrl + "]";
    }
  }

  /**
   * The clocks of streamed calls; each one left out keeps the runtime's default.
   *
   * @param firstToken from the request to the first content; the runtime's default is 60 s
   * @param idle the longest gap between two events; the runtime's default is 30 s
   * @param total the whole stream, all attempts; the runtime's default is 10 minutes
   */
  public record Stream(Duration firstToken, Duration idle, Duration total) {}

  /**
   * One retry policy; each setting left out keeps the base policy's.
   *
   * @param base the built-in policy this one starts from; by default the one of the same name,
   *     or "default"
   * @param maxAttempts attempts in all, at least 1
   * @param initialDelay the first backoff
   * @param multiplier growth of the backoff per retry, at least 1
   * @param maxDelay the largest backoff
   * @param jitter the largest fraction taken off a backoff at random, 0 to 1
   * @param retryOn the failure categories worth retrying
   * @param honorRetryAfter whether the provider's retry hint is used
   * @param maxRetryAfter the longest retry hint that is waited for
   * @param timeout one deadline over all attempts and waits of a call
   * @param waitOnOpenCircuit whether a call that finds its circuit breaker open waits for it to
   *     half-open
   */
  public record RetryPolicy(
      String base,
      Integer maxAttempts,
      Duration initialDelay,
      Double multiplier,
      Duration maxDelay,
      Double jitter,
      Set<ErrorCategory> retryOn,
      Boolean honorRetryAfter,
      Duration maxRetryAfter,
      Duration timeout,
      Boolean waitOnOpenCircuit) {}

  /**
   * One circuit breaker's settings; each left out keeps the default's.
   *
   * @param failureThreshold consecutive failures that open the breaker; 0 turns this rule off
   * @param failureRateThreshold the share of failures in the window that opens it, in (0, 1]
   * @param minimumCalls calls the window must hold before the rate rule applies
   * @param windowSize a window of the last this many calls
   * @param windowDuration a window of the calls of this last span, in whole seconds; wins over
   *     window-size
   * @param slowCallDuration a call slower than this counts as a failure
   * @param rateLimitIsFailure whether RATE_LIMIT counts as a failure
   * @param openDuration how long the breaker stays open the first time
   * @param openDurationMultiplier the factor the open time grows by each time it re-opens, at
   *     least 1
   * @param maxOpenDuration the longest the open time grows to
   * @param halfOpenTrials trial calls let through when half-open
   * @param maxHalfOpenDuration the longest the breaker waits half-open for its trials
   * @param healthCheckInterval how often an open breaker's provider is probed; never unless set
   */
  public record CircuitBreaker(
      Integer failureThreshold,
      Double failureRateThreshold,
      Integer minimumCalls,
      Integer windowSize,
      Duration windowDuration,
      Duration slowCallDuration,
      Boolean rateLimitIsFailure,
      Duration openDuration,
      Double openDurationMultiplier,
      Duration maxOpenDuration,
      Integer halfOpenTrials,
      Duration maxHalfOpenDuration,
      Duration healthCheckInterval) {}

  /**
   * How generated clients become beans.
   *
   * @param enabled whether every client listed under META-INF/llmcall/clients/ on the class path
   *     is registered as a bean (unless the application defines a bean of its interface itself)
   */
  public record Clients(@DefaultValue("true") boolean enabled) {}
}
