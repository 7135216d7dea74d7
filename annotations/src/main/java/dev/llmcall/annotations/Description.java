package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A description that goes into the JSON schema llmcall writes for a structured result or a tool:
 * on a record (or enum) type it describes the object, on a record component the field, on a
 * parameter of a {@link Tool} method the argument. Models follow these.
 *
 * <pre>{@code
 * @Description("A person mentioned in the text")
 * record Person(@Description("Full name as written") String name, int age) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Description {
  String value();
}
