package dev.llmcall.spring;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code llmcall.*} properties the auto-configured {@code LlmRuntime} is built from. Every
 * setting left out keeps the runtime's default.
 *
 * <pre>
 * llmcall:
 *   providers:
 *     openai:
 *       api-key: ${OPENAI_API_KEY}
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
 */
@ConfigurationProperties("llmcall")
public class LlmProperties {
  /**
   * Whether providers not configured under llmcall.providers are read from the process
   * environment, as LlmRuntime.fromEnvironment() does: OPENAI_API_KEY, ANTHROPIC_API_KEY,
   * XAI_API_KEY, their *_BASE_URL, and NAME_BASE_URL for any other provider name.
   */
  private boolean readEnvironment = true;

  /** Providers by name; they win over the environment. */
  private Map<String, Provider> providers = new LinkedHashMap<>();

  /** Time to open a connection; the runtime's default is 10 s. */
  private Duration connectTimeout;

  /** Time for one HTTP attempt, body included; the runtime's default is 10 minutes. */
  private Duration requestTimeout;

  /** The longest response body a call reads; the runtime's default is 32 MiB. */
  private DataSize maxResponseSize;

  /** The clocks of streamed calls. */
  private final Stream stream = new Stream();

  /** The retry policy of methods without @Retry; the runtime's default is "default". */
  private String defaultRetryPolicy;

  /**
   * Retry policies by name. A built-in name (default, none, high-availability, cost-sensitive,
   * development) adjusts that policy; another name starts from "default", or from its base.
   */
  private Map<String, RetryPolicy> retryPolicies = new LinkedHashMap<>();

  /** Settings of every circuit breaker that has none of its own under circuit-breakers. */
  private final CircuitBreaker defaultCircuitBreaker = new CircuitBreaker();

  /** Circuit breakers by name; each starts from default-circuit-breaker. */
  private Map<String, CircuitBreaker> circuitBreakers = new LinkedHashMap<>();

  /** How generated clients become beans. */
  private final Clients clients = new Clients();

  public boolean isReadEnvironment() {
    return readEnvironment;
  }

  public void setReadEnvironment(boolean readEnvironment) {
    this.readEnvironment = readEnvironment;
  }

  public Map<String, Provider> getProviders() {
    return providers;
  }

  public void setProviders(Map<String, Provider> providers) {
    this.providers = providers;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public DataSize getMaxResponseSize() {
    return maxResponseSize;
  }

  public void setMaxResponseSize(DataSize maxResponseSize) {
    this.maxResponseSize = maxResponseSize;
  }

  public Stream getStream() {
    return stream;
  }

  public String getDefaultRetryPolicy() {
    return defaultRetryPolicy;
  }

  public void setDefaultRetryPolicy(String defaultRetryPolicy) {
    this.defaultRetryPolicy = defaultRetryPolicy;
  }

  public Map<String, RetryPolicy> getRetryPolicies() {
    return retryPolicies;
  }

  public void setRetryPolicies(Map<String, RetryPolicy> retryPolicies) {
    this.retryPolicies = retryPolicies;
  }

  public CircuitBreaker getDefaultCircuitBreaker() {
    return defaultCircuitBreaker;
  }

  public Map<String, CircuitBreaker> getCircuitBreakers() {
    return circuitBreakers;
  }

  public void setCircuitBreakers(Map<String, CircuitBreaker> circuitBreakers) {
    this.circuitBreakers = circuitBreakers;
  }

  public Clients getClients() {
    return clients;
  }

  /** One provider. The key is never shown by {@link #toString()}. */
  public static class Provider {
    /**
     * The wire format. openai, anthropic and xai have theirs; any other name speaks
     * openai-chat, the only one the runtime offers for other names.
     */
    private ProviderConfig.Wire wire;

    /** The API key; optional for an OpenAI-compatible server that needs none. */
    private String apiKey;

    /** The base URL; required for a provider that is not built in. */
    private URI baseUrl;

    public ProviderConfig.Wire getWire() {
      return wire;
    }

    public void setWire(ProviderConfig.Wire wire) {
      this.wire = wire;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public URI getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public String toString() {
      return "Provider{wire=" + wire + ", baseUrl=" + baseUrl
          + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>") + "}";
    }
  }

  /** The clocks of streamed calls; each one left out keeps the runtime's default. */
  public static class Stream {
    /** From the request to the first content; the runtime's default is 60 s. */
    private Duration firstToken;

    /** The longest gap between two events; the runtime's default is 30 s. */
    private Duration idle;

    /** The whole stream, all attempts; the runtime's default is 10 minutes. */
    private Duration total;

    public Duration getFirstToken() {
      return firstToken;
    }

    public void setFirstToken(Duration firstToken) {
      this.firstToken = firstToken;
    }

    public Duration getIdle() {
      return idle;
    }

    public void setIdle(Duration idle) {
      this.idle = idle;
    }

    public Duration getTotal() {
      return total;
    }

    public void setTotal(Duration total) {
      this.total = total;
    }
  }

  /** One retry policy; each setting left out keeps the base policy's. */
  public static class RetryPolicy {
    /** The built-in policy this one starts from; by default the one of the same name, or "default". */
    private String base;

    /** Attempts in all, at least 1. */
    private Integer maxAttempts;

    /** The first backoff. */
    private Duration initialDelay;

    /** Growth of the backoff per retry, at least 1. */
    private Double multiplier;

    /** The largest backoff. */
    private Duration maxDelay;

    /** The largest fraction taken off a backoff at random, 0 to 1. */
    private Double jitter;

    /** The failure categories worth retrying. */
    private Set<ErrorCategory> retryOn;

    /** Whether the provider's retry hint is used. */
    private Boolean honorRetryAfter;

    /** The longest retry hint that is waited for. */
    private Duration maxRetryAfter;

    /** One deadline over all attempts and waits of a call. */
    private Duration timeout;

    /** Whether a call that finds its circuit breaker open waits for it to half-open. */
    private Boolean waitOnOpenCircuit;

    public String getBase() {
      return base;
    }

    public void setBase(String base) {
      this.base = base;
    }

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public Double getJitter() {
      return jitter;
    }

    public void setJitter(Double jitter) {
      this.jitter = jitter;
    }

    public Set<ErrorCategory> getRetryOn() {
      return retryOn;
    }

    public void setRetryOn(Set<ErrorCategory> retryOn) {
      this.retryOn = retryOn;
    }

    public Boolean getHonorRetryAfter() {
      return honorRetryAfter;
    }

    public void setHonorRetryAfter(Boolean honorRetryAfter) {
      this.honorRetryAfter = honorRetryAfter;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Boolean getWaitOnOpenCircuit() {
      return waitOnOpenCircuit;
    }

    public void setWaitOnOpenCircuit(Boolean waitOnOpenCircuit) {
      this.waitOnOpenCircuit = waitOnOpenCircuit;
    }
  }

  /** One circuit breaker's settings; each left out keeps the default's. */
  public static class CircuitBreaker {
    /** Consecutive failures that open the breaker; 0 turns this rule off. */
    private Integer failureThreshold;

    /** The share of failures in the window that opens it, in (0, 1]. */
    private Double failureRateThreshold;

    /** Calls the window must hold before the rate rule applies. */
    private Integer minimumCalls;

    /** A window of the last this many calls; leave out with window-duration. */
    private Integer windowSize;

    /** A window of the calls of this last span, in whole seconds; wins over window-size. */
    private Duration windowDuration;

    /** A call slower than this counts as a failure. */
    private Duration slowCallDuration;

    /** Whether RATE_LIMIT counts as a failure. */
    private Boolean rateLimitIsFailure;

    /** How long the breaker stays open the first time. */
    private Duration openDuration;

    /** The factor the open time grows by each time it re-opens, at least 1. */
    private Double openDurationMultiplier;

    /** The longest the open time grows to. */
    private Duration maxOpenDuration;

    /** Trial calls let through when half-open. */
    private Integer halfOpenTrials;

    /** The longest the breaker waits half-open for its trials. */
    private Duration maxHalfOpenDuration;

    /** How often an open breaker's provider is probed; never unless set. */
    private Duration healthCheckInterval;

    public Integer getFailureThreshold() {
      return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
      this.failureThreshold = failureThreshold;
    }

    public Double getFailureRateThreshold() {
      return failureRateThreshold;
    }

    public void setFailureRateThreshold(Double failureRateThreshold) {
      this.failureRateThreshold = failureRateThreshold;
    }

    public Integer getMinimumCalls() {
      return minimumCalls;
    }

    public void setMinimumCalls(Integer minimumCalls) {
      this.minimumCalls = minimumCalls;
    }

    public Integer getWindowSize() {
      return windowSize;
    }

    public void setWindowSize(Integer windowSize) {
      this.windowSize = windowSize;
    }

    public Duration getWindowDuration() {
      return windowDuration;
    }

    public void setWindowDuration(Duration windowDuration) {
      this.windowDuration = windowDuration;
    }

    public Duration getSlowCallDuration() {
      return slowCallDuration;
    }

    public void setSlowCallDuration(Duration slowCallDuration) {
      this.slowCallDuration = slowCallDuration;
    }

    public Boolean getRateLimitIsFailure() {
      return rateLimitIsFailure;
    }

    public void setRateLimitIsFailure(Boolean rateLimitIsFailure) {
      this.rateLimitIsFailure = rateLimitIsFailure;
    }

    public Duration getOpenDuration() {
      return openDuration;
    }

    public void setOpenDuration(Duration openDuration) {
      this.openDuration = openDuration;
    }

    public Double getOpenDurationMultiplier() {
      return openDurationMultiplier;
    }

    public void setOpenDurationMultiplier(Double openDurationMultiplier) {
      this.openDurationMultiplier = openDurationMultiplier;
    }

    public Duration getMaxOpenDuration() {
      return maxOpenDuration;
    }

    public void setMaxOpenDuration(Duration maxOpenDuration) {
      this.maxOpenDuration = maxOpenDuration;
    }

    public Integer getHalfOpenTrials() {
      return halfOpenTrials;
    }

    public void setHalfOpenTrials(Integer halfOpenTrials) {
      this.halfOpenTrials = halfOpenTrials;
    }

    public Duration getMaxHalfOpenDuration() {
      return maxHalfOpenDuration;
    }

    public void setMaxHalfOpenDuration(Duration maxHalfOpenDuration) {
      this.maxHalfOpenDuration = maxHalfOpenDuration;
    }

    public Duration getHealthCheckInterval() {
      return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = healthCheckInterval;
    }
  }

  /** How generated clients become beans. */
  public static class Clients {
    /**
     * Whether every client listed under META-INF/llmcall/clients/ on the class path is registered
     * as a bean (unless the application defines a bean of its interface itself).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
