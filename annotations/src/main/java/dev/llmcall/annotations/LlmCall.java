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
 * <p>Parameters that no template uses are sent as what they are (#12): a
 * {@code List<ChatMessage>} is the conversation so far, sent before the user message; an
 * {@code Image} or an {@link ImageInput} parameter is an image of the user message; an interface
 * with {@link Tool} methods is the set of tools the model may call in this invocation.
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

  /** Nucleus sampling ({@code top_p}), from 0 to 1; {@code NaN} leaves it to the provider. */
  double topP() default Double.NaN;

  /**
   * Stop sequences: the model stops before writing any of them. At most 4 (OpenAI's limit), none
   * empty, no duplicates; OpenAI {@code stop}, Anthropic {@code stop_sequences}.
   */
  String[] stop() default {};

  /**
   * A sampling seed, for best-effort repeatable answers (OpenAI and compatible servers; Anthropic
   * has none, a compile error there); {@code Long.MIN_VALUE} leaves it unset.
   */
  long seed() default Long.MIN_VALUE;

  /**
   * How much a reasoning model thinks before it answers (OpenAI {@code reasoning_effort}):
   * {@code "minimal"}, {@code "low"}, {@code "medium"} or {@code "high"}; empty leaves it to the
   * model. Not for Anthropic, which has {@link #thinkingBudget()} instead.
   */
  String reasoningEffort() default "";

  /**
   * Anthropic extended thinking with this many tokens to think in: at least 1024 and less than
   * {@link #maxTokens()} (4096 when unset); 0 leaves thinking off. With thinking on, Anthropic
   * takes no {@link #temperature()} and a {@link #topP()} only from 0.95 to 1. Anthropic only.
   */
  int thinkingBudget() default 0;

  /**
   * For a method that takes a tool set: how many times the model may ask for tools in one
   * invocation before the call fails, at least 1; 0 means the runtime's default, 10.
   */
  int maxToolRounds() default 0;

  /**
   * For a method that takes a tool set: whether a tool that throws ends the call, with the tool's
   * exception as the cause, instead of its message going back to the model as an error result.
   */
  boolean failOnToolError() default false;
}
