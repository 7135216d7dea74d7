package dev.llmcall.runtime.spi;

import java.util.List;
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
 * @param options the model's options (tokens, sampling, reasoning), each absent unless set
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
    Options options,
    String retryPolicy,
    String circuitBreaker,
    RetryOverrides retryOverrides,
    boolean resumeStream,
    Integer repairAttempts) {

  public CallSite {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(retryOverrides, "retryOverrides == null");
    if (repairAttempts != null && repairAttempts < 0) {
      throw new IllegalArgumentException("repairAttempts < 0: " + repairAttempts + " for " + method);
    }
  }

  /**
   * A model's options; {@code null} (absent) leaves each to the provider. The processor checks
   * the ranges and which provider takes which at compile time; this checks the ranges again.
   *
   * @param maxTokens maximum output tokens
   * @param temperature the sampling temperature, 0 to 2
   * @param topP nucleus sampling, 0 to 1
   * @param stop stop sequences (empty for none)
   * @param seed a sampling seed (OpenAI and compatible servers)
   * @param reasoningEffort a reasoning model's effort (OpenAI {@code reasoning_effort})
   * @param thinkingBudget Anthropic extended thinking's token budget
   */
  public record Options(Integer maxTokens, Double temperature, Double topP, List<String> stop,
      Long seed, String reasoningEffort, Integer thinkingBudget) {
    /** Every option left to the provider. */
    public static final Options NONE = new Options(null, null, null, List.of(), null, null, null);

    public Options {
      stop = List.copyOf(stop);
      if (maxTokens != null && maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens < 1: " + maxTokens);
      }
      if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature not in 0..2: " + temperature);
      }
      if (topP != null && !(topP >= 0 && topP <= 1)) {
        throw new IllegalArgumentException("topP not in 0..1: " + topP);
      }
      if (thinkingBudget != null && thinkingBudget < 1) {
        throw new IllegalArgumentException("thinkingBudget < 1: " + thinkingBudget);
      }
    }
  }

  /** A call site with the provider's defaults, the runtime's default retry policy and no breaker. */
  public static CallSite of(String method, String provider, String model) {
    return new CallSite(method, provider, model, Options.NONE, null, null, RetryOverrides.NONE,
        false, null);
  }

  private CallSite with(Options o) {
    return new CallSite(method, provider, model, o, retryPolicy, circuitBreaker, retryOverrides,
        resumeStream, repairAttempts);
  }

  public CallSite maxTokens(int maxTokens) {
    Options o = options;
    return with(new Options(maxTokens, o.temperature, o.topP, o.stop, o.seed, o.reasoningEffort,
        o.thinkingBudget));
  }

  public CallSite temperature(double temperature) {
    Options o = options;
    return with(new Options(o.maxTokens, temperature, o.topP, o.stop, o.seed, o.reasoningEffort,
        o.thinkingBudget));
  }

  public CallSite topP(double topP) {
    Options o = options;
    return with(new Options(o.maxTokens, o.temperature, topP, o.stop, o.seed, o.reasoningEffort,
        o.thinkingBudget));
  }

  public CallSite stop(String... stop) {
    Options o = options;
    return with(new Options(o.maxTokens, o.temperature, o.topP, List.of(stop), o.seed,
        o.reasoningEffort, o.thinkingBudget));
  }

  public CallSite seed(long seed) {
    Options o = options;
    return with(new Options(o.maxTokens, o.temperature, o.topP, o.stop, seed, o.reasoningEffort,
        o.thinkingBudget));
  }

  public CallSite reasoningEffort(String reasoningEffort) {
    Options o = options;
    return with(new Options(o.maxTokens, o.temperature, o.topP, o.stop, o.seed,
        Objects.requireNonNull(reasoningEffort, "reasoningEffort == null"), o.thinkingBudget));
  }

  public CallSite thinkingBudget(int thinkingBudget) {
    Options o = options;
    return with(new Options(o.maxTokens, o.temperature, o.topP, o.stop, o.seed, o.reasoningEffort,
        thinkingBudget));
  }

  public CallSite retryPolicy(String retryPolicy) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite circuitBreaker(String circuitBreaker) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite retryOverrides(RetryOverrides retryOverrides) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite resumeStream(boolean resumeStream) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  public CallSite repairAttempts(int repairAttempts) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts);
  }

  /** Maximum output tokens, or {@code null} for the provider's default. */
  public Integer maxTokens() {
    return options.maxTokens();
  }

  /** The temperature, or {@code null} for the provider's default. */
  public Double temperature() {
    return options.temperature();
  }

  /** How often a structured answer that does not fit is sent back: the set value, else 1. */
  public int effectiveRepairAttempts() {
    return repairAttempts == null ? 1 : repairAttempts;
  }
}
