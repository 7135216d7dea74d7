package dev.llmcall.runtime.spi;

import dev.llmcall.runtime.Target;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * @param fallback the targets the call moves on to when this one fails, or {@code null} for none
 * @param hedge when a stream that has no first token yet is also sent to the next target of its
 *     fallback chain, or {@code null} for never
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
    Integer repairAttempts,
    Fallback fallback,
    Hedge hedge) {

  public CallSite {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(retryOverrides, "retryOverrides == null");
    if (repairAttempts != null && repairAttempts < 0) {
      throw new IllegalArgumentException("repairAttempts < 0: " + repairAttempts + " for " + method);
    }
    if (fallback != null && fallback.to().stream()
        .anyMatch(t -> t.provider().equals(provider) && t.model().equals(model))) {
      throw new IllegalArgumentException("the fallback chain '" + fallback.name() + "' of " + method
          + " names its own target " + provider + "/" + model);
    }
  }

  /** A call site without a hedge, as before hedges existed. */
  public CallSite(String method, String provider, String model, Options options, String retryPolicy,
      String circuitBreaker, RetryOverrides retryOverrides, boolean resumeStream,
      Integer repairAttempts, Fallback fallback) {
    this(method, provider, model, options, retryPolicy, circuitBreaker, retryOverrides,
        resumeStream, repairAttempts, fallback, null);
  }

  /** A call site without a fallback chain, as before chains existed. */
  public CallSite(String method, String provider, String model, Options options, String retryPolicy,
      String circuitBreaker, RetryOverrides retryOverrides, boolean resumeStream,
      Integer repairAttempts) {
    this(method, provider, model, options, retryPolicy, circuitBreaker, retryOverrides,
        resumeStream, repairAttempts, null, null);
  }

  /**
   * An ordered chain of targets to move on to when this call site's own target fails, with a
   * name by which {@code LlmRuntime.Builder.route} can replace it, the call site's own target
   * included. The call moves on, with no wait, when its target's own retries are spent on a
   * failure the chain moves on for ({@link #on}), or when that target's circuit breaker is open;
   * one deadline covers the whole chain, and a stream moves on only before any content arrived.
   *
   * <pre>{@code
   * CallSite.of("Assistant.chat", "openai", "gpt-4o-mini")
   *     .fallback(CallSite.Fallback.of("chat", Target.of("anthropic", "claude-sonnet-4-5")));
   * }</pre>
   *
   * @param name the chain's name, for {@code LlmRuntime.Builder.route}
   * @param to the targets after the call site's own, in order, without duplicates
   * @param on the failures the chain moves on for; {@link #DEFAULT_ON} unless set
   */
  public record Fallback(String name, List<Target> to, Set<On> on) {
    /** SERVER_ERROR, NETWORK, TIMEOUT, RATE_LIMIT (quota included) and CIRCUIT_OPEN. */
    public static final Set<On> DEFAULT_ON = Collections.unmodifiableSet(EnumSet.of(
        On.SERVER_ERROR, On.NETWORK, On.TIMEOUT, On.RATE_LIMIT, On.CIRCUIT_OPEN));

    /**
     * What a chain moves on for. The names are those of {@code ErrorCategory}, plus {@link
     * #CIRCUIT_OPEN} and {@link #CONTEXT_LENGTH}.
     */
    public enum On {
      SERVER_ERROR,
      NETWORK,
      TIMEOUT,
      /** 429, and quota or credit exhaustion: another provider can serve what this account cannot. */
      RATE_LIMIT,
      /** The target's circuit breaker is open: the call moves on at once, without waiting. */
      CIRCUIT_OPEN,
      /** A prompt too long for the model: only to a target marked {@code largerContext}. */
      CONTEXT_LENGTH,
      /** The provider refused the request on content grounds (an error response, not an answer). */
      CONTENT_FILTER,
      /** The caller's own mistake: a missing or wrong key. Not by default. */
      AUTHENTICATION,
      /** The caller's own mistake: a bad request (context length included). Not by default. */
      VALIDATION,
      UNKNOWN
    }

    public Fallback {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("blank fallback chain name");
      }
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("fallback chain '" + name + "' has no target");
      }
      if (new HashSet<>(to).size() != to.size()) {
        throw new IllegalArgumentException("fallback chain '" + name + "' repeats a target: " + to);
      }
      on = on.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(on));
    }

    /** A chain that moves on for {@link #DEFAULT_ON}. */
    public static Fallback of(String name, Target... to) {
      return new Fallback(name, List.of(to), DEFAULT_ON);
    }

    /** This chain, moving on for {@code on} only. */
    public Fallback on(On... on) {
      return new Fallback(name, to, on.length == 0 ? Set.of() : EnumSet.of(on[0], on));
    }
  }

  /**
   * When a stream is hedged: if its attempt has no first content {@link #after} this long (or,
   * with a {@link #percentile}, after the target's observed time to first token at that
   * percentile, once {@link #MIN_SAMPLES} first tokens were seen), the same request also goes to
   * the next target of the fallback chain, and the first of the two to deliver content is the
   * stream; the other is cancelled at once. At most one hedge per call, never after content or a
   * tool call, and only as far as the runtime's hedge budget allows ({@code
   * LlmRuntime.Builder.hedgeBudget}). Without a chain, or with a route of one target, nothing is
   * hedged.
   *
   * <pre>{@code
   * CallSite.of("Assistant.story", "openai", "gpt-4o-mini")
   *     .fallback(CallSite.Fallback.of("story", Target.of("anthropic", "claude-haiku-4-5")))
   *     .hedge(CallSite.Hedge.after(Duration.ofSeconds(2)).percentile(95));
   * }</pre>
   *
   * @param after the delay, positive; with a percentile, the delay until enough samples
   * @param percentile 50 to 99 to follow the target's observed first-token times, or 0 for the
   *     fixed delay
   */
  public record Hedge(Duration after, int percentile) {
    /** How many first tokens a target must have delivered before its percentile is used. */
    public static final int MIN_SAMPLES = 20;

    public Hedge {
      Objects.requireNonNull(after, "after == null");
      if (after.isNegative() || after.isZero()) {
        throw new IllegalArgumentException("hedge delay must be positive: " + after);
      }
      if (percentile != 0 && (percentile < 50 || percentile > 99)) {
        throw new IllegalArgumentException("hedge percentile must be 50 to 99, or 0: " + percentile);
      }
    }

    /** A hedge after a fixed delay. */
    public static Hedge after(Duration after) {
      return new Hedge(after, 0);
    }

    /** A hedge after a fixed delay, in milliseconds: what generated code writes. */
    public static Hedge afterMillis(long millis) {
      return after(Duration.ofMillis(millis));
    }

    /** This hedge, after the target's observed first-token time at {@code percentile}. */
    public Hedge percentile(int percentile) {
      return new Hedge(after, percentile);
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
        false, null, null, null);
  }

  private CallSite with(Options o) {
    return new CallSite(method, provider, model, o, retryPolicy, circuitBreaker, retryOverrides,
        resumeStream, repairAttempts, fallback, hedge);
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
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite circuitBreaker(String circuitBreaker) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite retryOverrides(RetryOverrides retryOverrides) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite resumeStream(boolean resumeStream) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite repairAttempts(int repairAttempts) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite fallback(Fallback fallback) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  public CallSite hedge(Hedge hedge) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, fallback, hedge);
  }

  /**
   * This call site for another target of its chain: the same method and options, sent to
   * {@code provider} and {@code model}, without the chain.
   */
  public CallSite forTarget(String provider, String model) {
    return new CallSite(method, provider, model, options, retryPolicy, circuitBreaker,
        retryOverrides, resumeStream, repairAttempts, null);
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
