package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a method, or every method of an interface, behind a circuit breaker. All methods that
 * name the same breaker share one breaker per runtime.
 *
 * <pre>{@code
 * @LlmCall(prompt = "Summarize: {text}")
 * @CircuitBreaker(provider = "openai")
 * String summarize(String text);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {
  /** The breaker's name, usually the provider it guards; empty means the method's provider. */
  String provider() default "";
}
