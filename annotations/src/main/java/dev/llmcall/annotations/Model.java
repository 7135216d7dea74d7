package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@code String} parameter of an {@code @LlmCall} method the model of each call, in place
 * of the method's {@code model}: for a value that changes per call (a tenant's tier, an A/B test),
 * without a method per model. It applies to the method's own target; the targets of a fallback
 * chain keep theirs. It is sent as the request's model, never rendered into the prompt; at most
 * one per method, and never null.
 *
 * <pre>{@code
 * @LlmCall(prompt = "Summarize: {text}", model = "gpt-4o-mini")
 * String summarize(String text, @Model String model);   // summarize(text, "gpt-4.1")
 * }</pre>
 *
 * <p>On Azure OpenAI the deployment in the URL decides the model, so there it changes nothing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Model {}
