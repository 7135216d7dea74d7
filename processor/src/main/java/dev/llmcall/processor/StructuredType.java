package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a value that llmcall reads from JSON (a structured result) or writes as JSON (a
 * prompt parameter), as far as the schema, the decoder and the encoder need to know it (#6).
 * Records are referred to by name; their components are in the client's {@link RecordModel}s,
 * so that a cycle is a reference, not an endless tree. A type llmcall cannot map is kept as
 * {@link Unsupported}, for the validator to report.
 */
sealed interface StructuredType {

  /** The Java type as declared, without type annotations. */
  TypeName type();

  /** {@code String}, a primitive or its box, {@code BigDecimal} or a {@code java.time} type. */
  record Scalar(ScalarKind kind, TypeName type) implements StructuredType {
    public Scalar {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(type, "type == null");
    }
  }

  /**
   * An enum, read and written by constant name.
   *
   * @param constants the constant names in declaration order
   * @param description its {@code @Description}, if it has one
   */
  record EnumType(ClassName type, List<String> constants, Optional<String> description)
      implements StructuredType {
    public EnumType {
      Objects.requireNonNull(type, "type == null");
      constants = List.copyOf(constants);
      Objects.requireNonNull(description, "description == null");
    }
  }

  /** A record without type parameters; its {@link RecordModel} is in the client. */
  record RecordType(ClassName type) implements StructuredType {
    public RecordType {
      Objects.requireNonNull(type, "type == null");
    }
  }

  /**
   * {@code List<E>}, {@code Set<E>}, {@code Map<String, E>} or {@code Optional<E>}.
   *
   * @param element the element type; the value type of a map
   */
  record Container(ContainerKind kind, TypeName type, StructuredType element)
      implements StructuredType {
    public Container {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(element, "element == null");
    }
  }

  /** A type llmcall cannot map to JSON, and why. */
  record Unsupported(TypeName type, Problem problem) implements StructuredType {
    public Unsupported {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(problem, "problem == null");
    }

    /** Why, as in "... cannot be mapped: {reason}". */
    public String reason() {
      return String.format(problem.format, display(type));
    }
  }

  /** The scalar types, each with the {@code JsonFields} method that reads it. */
  enum ScalarKind {
    STRING("string"),
    BOOLEAN("bool"),
    INT("int32"),
    LONG("int64"),
    DOUBLE("float64"),
    CHAR("character"),
    DECIMAL("decimal"),
    DATE("date"),
    DATE_TIME("dateTime"),
    INSTANT("instant");

    private final String reader;

    ScalarKind(String reader) {
      this.reader = reader;
    }

    /** The {@code JsonFields} method that reads this kind. */
    String reader() {
      return reader;
    }
  }

  /** The containers, each with the {@code JsonFields} method that reads it. */
  enum ContainerKind {
    LIST("list"),
    SET("set"),
    MAP("map"),
    OPTIONAL("optional");

    private final String reader;

    ContainerKind(String reader) {
      this.reader = reader;
    }

    String reader() {
      return reader;
    }
  }

  /** Why a type cannot be mapped; each format takes the type's display name. */
  enum Problem {
    NOT_STRUCTURED("%s is not a record, an enum or one of the scalar types below"),
    NARROW_NUMBER("%s is not supported; use int, long or double"),
    ARRAY("%s is an array; use a List"),
    RAW("%s has no type arguments"),
    WILDCARD("%s has a wildcard type argument; name the element type"),
    MAP_KEY("the keys of %s are not String, which JSON object keys are"),
    NESTED_OPTIONAL("%s is inside another type, but Optional may only be the whole type of a"
        + " record component"),
    /** Reported with its own message, {@link Messages#GENERIC_RECORD}. */
    GENERIC_RECORD("%s is a generic record");

    private final String format;

    Problem(String format) {
      this.format = format;
    }
  }

  /** The first problem in this type itself, not looking into the records it refers to. */
  default Optional<Unsupported> unsupported() {
    if (this instanceof Unsupported unsupported) {
      return Optional.of(unsupported);
    } else if (this instanceof Container container) {
      return container.element().unsupported();
    }
    return Optional.empty();
  }

  /** The records this type refers to directly, not through other records, in order. */
  default List<ClassName> records() {
    List<ClassName> records = new ArrayList<>();
    StructuredType type = this;
    while (type instanceof Container container) {
      type = container.element();
    }
    if (type instanceof RecordType record) {
      records.add(record.type());
    }
    return records;
  }

  /**
   * A name for this type in generated identifiers and schema names: {@code Person},
   * {@code PersonList}, {@code StringSet}, {@code IntegerMap}.
   */
  default String label() {
    if (this instanceof Container container) {
      String kind = container.kind().name().toLowerCase(Locale.ROOT);
      return container.element().label() + Character.toUpperCase(kind.charAt(0))
          + kind.substring(1);
    }
    TypeName type = type().box();
    return type instanceof ClassName name ? name.simpleName() : "Value";
  }

  /** {@code java.util.List<com.example.Person>} as {@code List<Person>}, for messages. */
  static String display(TypeName type) {
    return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }
}
