package dev.llmcall.runtime.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a record or list parameter into a prompt as JSON, through a generated encoder that
 * writes it field by field with Jackson's streaming API: no reflection.
 *
 * <pre>{@code
 * "Check this order: " + JsonWriting.toJson(order, LlmShop::encodeOrder)
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 */
public final class JsonWriting {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonWriting() {}

  /** Writes one value. */
  @FunctionalInterface
  public interface Encoder<T> {
    void encode(JsonGenerator g, T value) throws IOException;
  }

  /** The JSON text of {@code value}; {@code null} is {@code null}. */
  public static <T> String toJson(T value, Encoder<T> encoder) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      if (value == null) {
        g.writeNull();
      } else {
        encoder.encode(g, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
    return out.toString();
  }
}
