package dev.llmcall.runtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * How one structured result is asked for and read: a JSON schema the processor wrote at compile
 * time (strict: every field required, no extra properties, optional values nullable; the root is
 * always an object) and a generated decoder from Jackson's tree to the declared type.
 *
 * <pre>{@code
 * private static final StructuredOutput<Person> PERSON =
 *     StructuredOutput.of("Person", "{\"type\":\"object\",...}", LlmAssistant::decodePerson);
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 *
 * @param name a name for the schema, as providers want one ({@code [A-Za-z0-9_-]+})
 * @param schema the JSON schema, as JSON text
 * @param decoder reads the root object; reports every problem to the {@link Violations}
 */
public record StructuredOutput<T>(String name, String schema, Decoder<T> decoder) {
  public StructuredOutput {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(schema, "schema == null");
    Objects.requireNonNull(decoder, "decoder == null");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("schema name must be [A-Za-z0-9_-]{1,64}: " + name);
    }
  }

  public static <T> StructuredOutput<T> of(String name, String schema, Decoder<T> decoder) {
    return new StructuredOutput<>(name, schema, decoder);
  }

  /** Reads a JSON value into {@code T}. */
  @FunctionalInterface
  public interface Decoder<T> {
    /**
     * The value at {@code node}, or {@code null} after reporting why it cannot be read. Must not
     * throw for any input.
     *
     * @param path where {@code node} is, as {@code $.field[0].other}, for the violations
     */
    T decode(JsonNode node, String path, Violations violations);
  }
}
