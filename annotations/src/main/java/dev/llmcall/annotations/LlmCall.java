package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one call to a language model. {@link #prompt()} is a template over the method's
 * parameters: {@code {name}} inserts a parameter, {@code {{} and {@code }}} stand for literal
 * braces. The template is checked and turned into string concatenation at compile time.
 *
 * <pre>{@code
 * @LlmCall(system = "Answer in one sentence.", prompt = "Translate {text} into {language}",
 *     provider = "anthropic", model = "claude-sonnet-4-5", maxTokens = 300)
 * LlmResponse<String> translate(String text, String language);
 * }</pre>
 *
 * <p>Empty strings and the numeric defaults mean "not set here": the value comes from the
 * interface's {@link LlmClient}, or from the provider.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface LlmCall {
  /** The user message template. Required, not blank. */
  String prompt();

  /** The system prompt template; overrides {@link LlmClient#system()}. */
  String system() default "";

  /** The model; overrides {@link LlmClient#model()}. */
  String model() default "";

  /** The provider; overrides {@link LlmClient#provider()}. */
  String provider() default "";

  /** Maximum output tokens, at least 1; 0 leaves it to the provider (Anthropic gets 4096). */
  int maxTokens() default 0;

  /** Sampling temperature from 0 to 2; {@code NaN} leaves it to the provider. */
  double temperature() default Double.NaN;

  /**
   * For a structured result: how many times an answer that does not parse or does not match the
   * schema is sent back with its violations to be corrected, at least 0; -1 means the default, 1.
   * Counted apart from transport retries.
   */
  int repairAttempts() default -1;
}
