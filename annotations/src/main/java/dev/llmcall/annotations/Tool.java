package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a plain interface, a tool set, as a tool the model may call. An
 * {@code @LlmCall} method that takes an implementation of the interface as a parameter lets the
 * model call its tools; the processor writes each tool's JSON schema from its parameter types (the
 * types a structured result may have) and a dispatcher that decodes the model's arguments and
 * calls the method, without reflection.
 *
 * <pre>{@code
 * interface Weather {
 *   @Tool("The forecast for a city, for the next days")
 *   Forecast forecast(@Description("City name") String city, int days);
 * }
 *
 * @LlmCall(prompt = "Should I take an umbrella in {city}?", maxToolRounds = 3)
 * String advise(String city, Weather weather);
 * }</pre>
 *
 * <p>The tool set is a parameter of each call rather than of the generated client's constructor:
 * a tool may then carry per-call state, such as the user it acts for, and the generated class keeps
 * its one {@code (LlmRuntime)} constructor, which Spring and other DI containers build as before.
 * A method takes at most one tool set.
 *
 * <p>A tool returns {@code String} (sent back as is), {@code void} (sent back as {@code "done"}),
 * or a record, an enum, a scalar or a collection of them (sent back as JSON). Every abstract
 * method of a tool set must be a tool; a default method may be one, and other default and static
 * methods are left alone.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Tool {
  /** What the tool does and when to call it, for the model. Required, not blank. */
  String value();

  /**
   * The tool's name as the model sees it, {@code [A-Za-z0-9_-]{1,64}}, unique in its tool set;
   * empty means the method's name as written (not turned into snake_case: the model is told what a
   * tool does by its description, and the name it calls is then the one in the code).
   */
  String name() default "";
}
