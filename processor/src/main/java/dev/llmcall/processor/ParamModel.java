package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * One parameter of an interface method.
 *
 * @param name the parameter's name, as declared
 * @param type the declared type, with a type-use {@code @Nullable} if it has one
 * @param kind what the type is, as far as rendering it into a prompt goes
 * @param json for {@link Kind#JSON}, the type the generated encoder writes; for
 *     {@link Kind#OPTIONAL}, that of the value, if the value is rendered as JSON
 * @param nullable whether it has an annotation called {@code Nullable}, from any package
 * @param annotations declaration annotations the generated parameter repeats: a
 *     {@code @Nullable} that is not a type-use annotation
 * @param source the parameter element
 */
record ParamModel(
    String name,
    TypeName type,
    Kind kind,
    Optional<StructuredType> json,
    boolean nullable,
    List<ClassName> annotations,
    SourceRef source) {

  ParamModel {
    if (!SourceVersion.isIdentifier(name)) {
      throw new IllegalArgumentException("not a parameter name: " + name);
    }
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(kind, "kind == null");
    if (kind == Kind.JSON && json.isEmpty()
        || json.isPresent() && kind != Kind.JSON && kind != Kind.OPTIONAL) {
      throw new IllegalArgumentException(name + " is " + kind + " with " + json);
    }
    annotations = List.copyOf(annotations);
    Objects.requireNonNull(source, "source == null");
  }

  /** Whether the generated method checks this parameter for null before using it. */
  boolean needsNullCheck() {
    return kind != Kind.PRIMITIVE && !nullable;
  }

  /** How a parameter's type renders in a prompt. */
  enum Kind {
    /** {@code java.lang.String}: concatenated as is. */
    STRING,
    /** A primitive: never null, rendered by {@code String.valueOf}. */
    PRIMITIVE,
    /** An array: would render as its identity hash, so not allowed in a template. */
    ARRAY,
    /**
     * A record, or a {@code List}, {@code Set} or {@code Map<String, ...>} of structured types:
     * rendered as JSON by a generated encoder (#6).
     */
    JSON,
    /**
     * {@code java.util.Optional<T>}, {@code OptionalInt}, {@code OptionalLong} or
     * {@code OptionalDouble}: its value rendered as a {@code T} parameter would be, or nothing (an
     * empty string) when it is empty, never {@code Optional[...]} (#15).
     */
    OPTIONAL,
    /** Any other reference type: rendered by {@code toString()}. */
    OTHER
  }
}
