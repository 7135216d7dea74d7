package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a parameter of an {@code @LlmCall} method as an image of the user message, after its
 * text, instead of rendering it into the prompt: a {@code byte[]} with its {@link #mediaType()},
 * a {@code java.nio.file.Path} to read (its media type from its extension), or a
 * {@code java.net.URI} the provider fetches (or a {@code data:} URL). A parameter of the runtime's
 * {@code Image} type is an image without this annotation.
 *
 * <pre>{@code
 * @LlmCall(prompt = "What is in this picture?")
 * String describe(@ImageInput(mediaType = "image/png") byte[] png);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ImageInput {
  /**
   * The media type of a {@code byte[]}, such as {@code image/png} or {@code image/jpeg}; required
   * there, and only there.
   */
  String mediaType() default "";
}
