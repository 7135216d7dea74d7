package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the retry policy of a method, or of every method of an interface. The name is resolved
 * once, when the generated client is constructed: an unknown name fails there, never during a
 * call. Built-in policies: {@code default}, {@code none}, {@code high-availability},
 * {@code cost-sensitive}, {@code development}; more are registered on the runtime.
 *
 * <pre>{@code
 * @LlmCall(prompt = "Summarize: {text}")
 * @Retry(policy = "high-availability", maxAttempts = 4, timeoutMillis = 30_000)
 * String summarize(String text);
 * }</pre>
 *
 * <p>The numeric members override single values of the named policy; their defaults (-1, or
 * {@code NaN}) mean "as the policy says". The processor range-checks them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {
  /** The policy's name. */
  String policy() default "default";

  /** Attempts in all, at least 1. */
  int maxAttempts() default -1;

  /** The first backoff in milliseconds, at least 0. */
  long initialDelayMillis() default -1;

  /** Growth of the backoff per retry, at least 1. */
  double multiplier() default Double.NaN;

  /** The largest backoff in milliseconds, at least 0. */
  long maxDelayMillis() default -1;

  /** The largest random fraction taken off a backoff, 0 to 1. */
  double jitter() default Double.NaN;

  /** The longest provider retry hint that is waited for, in milliseconds, at least 0. */
  long maxRetryAfterMillis() default -1;

  /** One deadline over all attempts and waits of a call, in milliseconds, at least 1. */
  long timeoutMillis() default -1;

  /**
   * For a streaming method: when the stream fails after some text was delivered, ask the model to
   * continue from that text and deliver only what is new, instead of failing with the partial
   * text. Bounded by the policy's attempts and deadline.
   */
  boolean resumeStream() default false;
}
