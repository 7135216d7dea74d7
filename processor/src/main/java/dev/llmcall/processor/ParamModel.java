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
 * @param image for {@link Kind#IMAGE}, how it becomes an image
 * @param tools for {@link Kind#TOOLS}, the tool set it is
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
    Optional<ImageInput> image,
    Optional<ToolSetModel> tools,
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
    if (image.isPresent() != (kind == Kind.IMAGE) || tools.isPresent() != (kind == Kind.TOOLS)) {
      throw new IllegalArgumentException(name + " is " + kind + " with " + image + ", " + tools);
    }
    annotations = List.copyOf(annotations);
    Objects.requireNonNull(source, "source == null");
  }

  /** Whether the generated method checks this parameter for null before using it. */
  boolean needsNullCheck() {
    return kind != Kind.PRIMITIVE && (!nullable || kind.sentAsSuch());
  }

  /**
   * How an image parameter becomes the runtime's {@code Image} (#12).
   *
   * @param source what the parameter's type is
   * @param mediaType {@code @ImageInput(mediaType)}, if not empty
   * @param annotation the parameter and its {@code @ImageInput}, if it has one
   */
  record ImageInput(Source source, Optional<Setting<String>> mediaType, SourceRef annotation) {
    ImageInput {
      Objects.requireNonNull(source, "source == null");
      Objects.requireNonNull(mediaType, "mediaType == null");
      Objects.requireNonNull(annotation, "annotation == null");
    }

    /** The types an image parameter may have. */
    enum Source {
      /** The runtime's {@code Image}, passed as is. */
      IMAGE("an Image"),
      /** {@code byte[]}: {@code Image.of(bytes, mediaType)}. */
      BYTES("a byte[]"),
      /** {@code java.nio.file.Path}: {@code Image.of(path)}, the media type from the name. */
      PATH("a Path"),
      /** {@code java.net.URI}: {@code Image.of(uri)}, fetched by the provider. */
      URI("a URI"),
      /** Any other type, which {@code @ImageInput} cannot be on. */
      OTHER("not an image");

      private final String description;

      Source(String description) {
        this.description = description;
      }

      /** As in "the parameter is a Path". */
      String description() {
        return description;
      }
    }
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
    OTHER,
    /** {@code List<ChatMessage>}: the conversation so far, sent before the user message (#12). */
    HISTORY,
    /** An {@code Image}, or a parameter with {@code @ImageInput}: sent with the user message. */
    IMAGE,
    /** A tool set, an interface with {@code @Tool} methods: the tools the model may call. */
    TOOLS,
    /** A parameter with {@code @Model}: the model of the call, in place of the method's. */
    MODEL;

    /** Whether a parameter of this kind is sent as what it is, never rendered into a prompt. */
    boolean sentAsSuch() {
      return this == HISTORY || this == IMAGE || this == TOOLS || this == MODEL;
    }

    /** As in "Parameter 'photo' is an image". */
    String description() {
      return this == HISTORY ? "the conversation history"
          : this == IMAGE ? "an image" : this == TOOLS ? "a tool set"
          : this == MODEL ? "the call's model" : "rendered into the prompt";
    }
  }
}
