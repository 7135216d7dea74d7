package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods call a language model, and gives the defaults its
 * {@link LlmCall} methods inherit. The annotation processor writes {@code LlmFoo} for an
 * interface {@code Foo} ({@code LlmOuter_Foo} for a nested one).
 *
 * <pre>{@code
 * @LlmClient(provider = "openai", model = "gpt-4o-mini")
 * public interface Assistant {
 *   @LlmCall(prompt = "Summarize: {text}")
 *   String summarize(String text);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LlmClient {
  /** Default provider name: {@code openai}, {@code anthropic}, {@code xai} or one registered on the runtime. */
  String provider() default "";

  /** Default model, as the provider names it. */
  String model() default "";

  /** Default system prompt; may use {@code {name}} placeholders of each method's parameters. */
  String system() default "";
}
