package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * An ordered chain of targets (provider and model) a method's call moves on to when its own
 * target fails; on an interface, for every method without its own (the method's wins whole). The
 * method's own provider and model are the chain's first target. The processor checks the names as
 * it checks {@code provider} and {@code model}: plausible providers, no blank model, no target
 * twice, none equal to the method's own.
 *
 * <pre>{@code
 * @LlmCall(prompt = "Summarize: {text}", provider = "openai", model = "gpt-4o-mini")
 * @Fallback(name = "summarize", to = {
 *     @Fallback.Target(provider = "anthropic", model = "claude-sonnet-4-5"),
 *     @Fallback.Target(provider = "openai", model = "gpt-4.1", largerContext = true)})
 * String summarize(String text);
 * }</pre>
 *
 * <p>A call moves on, with no wait, when its target's own retries are spent on a failure listed
 * in {@link #on} (by default a server error, a network failure, a timeout, a rate limit or an
 * exhausted quota), or at once when that target's circuit breaker is open. One deadline, the
 * retry policy's, covers the whole chain. A stream moves on only before its first content. At run
 * time, {@code LlmRuntime.Builder.route(name, targets)} replaces the chain called {@link #name},
 * the first target included, without a rebuild.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@java.lang.annotation.Target({ElementType.METHOD, ElementType.TYPE})
public @interface Fallback {
  /** The chain's name, by which operations re-route it at run time. */
  String name();

  /** The targets after the method's own, in the order they are tried. */
  Target[] to();

  /** The failures a call moves on for; the default leaves out the caller's own mistakes. */
  On[] on() default {On.SERVER_ERROR, On.NETWORK, On.TIMEOUT, On.RATE_LIMIT, On.CIRCUIT_OPEN};

  /** One target of a chain. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @java.lang.annotation.Target({})
  @interface Target {
    /** The provider's name, as for {@code @LlmCall(provider)}. */
    String provider();

    /** The model's name. */
    String model();

    /**
     * Whether this target takes longer prompts than the ones before it: a prompt too long moves
     * on only to such a target, and only when {@link Fallback#on} has {@link On#CONTEXT_LENGTH}.
     */
    boolean largerContext() default false;
  }

  /** What a chain moves on for: the runtime's error categories, an open breaker, a long prompt. */
  enum On {
    /** The provider failed (HTTP 5xx, 529 overloaded). */
    SERVER_ERROR,
    /** No response: connection refused or reset. */
    NETWORK,
    /** No response in time. */
    TIMEOUT,
    /** Too many requests, or a quota or credit exhausted: another provider can serve it. */
    RATE_LIMIT,
    /** The target's circuit breaker is open: the call moves on at once, without waiting. */
    CIRCUIT_OPEN,
    /** The prompt is too long for the model: only to a {@code largerContext} target. */
    CONTEXT_LENGTH,
    /** The provider refused the request on content grounds. */
    CONTENT_FILTER,
    /** The caller's own mistake: a missing or wrong key. */
    AUTHENTICATION,
    /** The caller's own mistake: a bad request. */
    VALIDATION,
    /** Anything else. */
    UNKNOWN
  }
}
