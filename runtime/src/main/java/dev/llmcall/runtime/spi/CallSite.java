package dev.llmcall.runtime.spi;

import java.util.Objects;

/**
 * Everything about one interface method that is fixed at compile time: where the call goes and
 * with which options. Generated code keeps one per method as a constant and binds it to a runtime
 * once, in the client's constructor.
 *
 * <pre>{@code
 * private static final CallSite SUMMARIZE =
 *     CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini").retryPolicy("high-availability");
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use, though a user who does not want the
 * annotation processor may.
 *
 * @param method the interface method, as {@code Interface.method}, for error messages
 * @param provider the provider name
 * @param model the model name
 * @param maxTokens maximum output tokens, or {@code null} (absent) for the provider's default
 * @param temperature the temperature, or {@code null} (absent) for the provider's default
 * @param retryPolicy the retry policy's name, or {@code null} for the runtime's default policy
 * @param circuitBreaker the circuit breaker's name, or {@code null} for none
 * @param retryOverrides single values of the retry policy this method overrides
 * @param resumeStream whether a stream that fails after delivering text asks the model to
 *     continue from it, instead of failing with the partial text
 * @param repairAttempts for a structured result, how often an answer that does not fit the schema
 *     is sent back to be corrected; {@code null} (absent) for the default, 1
 */
public record CallSite(
    String method,
    String provider,
    String model,
    Integer maxTokens,
    Double temperature,
    String retryPolicy,
    String circuitBreaker,
    RetryOverrides retryOverrides,
    boolean resumeStream,
    Integer repairAttempts) {

  public CallSite {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(retryOverrides, "retryOverrides == null");
    if (repairAttempts != null && repairAttempts < 0) {
      throw new IllegalArgumentException("repairAttempts < 0: " + repairAttempts + " for " + method);
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens < 1: " + maxTokens + " for " + method);
    }
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature not in 0..2: " + temperature + " for " + method);
    }
  }

  /** A call site with the provider's defaults, the runtime's default retry policy and no breaker. */
  public static CallSite of(String method, String provider, String model) {
    return new CallSite(method, provider, model, null, null, null, null, RetryOverrides.NONE,
        false, null);
  }

  public CallSite maxTokens(int maxTokens) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite temperature(double temperature) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite retryPolicy(String retryPolicy) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite circuitBreaker(String circuitBreaker) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite retryOverrides(RetryOverrides retryOverrides) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite resumeStream(boolean resumeStream) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite repairAttempts(int repairAttempts) {
    return new CallSite(method, provider, model, maxTokens, temperature, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  /** How often a structured answer that does not fit is sent back: the set value, else 1. */
  public int effectiveRepairAttempts() {
    return repairAttempts == null ? 1 : repairAttempts;
  }
}
