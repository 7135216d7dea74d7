package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The runtime's one Jackson mapper, used only through the tree and streaming APIs (no data
 * binding, no reflection). Internal: not part of the API.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses a body into a tree; throws {@link IOException} on malformed JSON. */
  public static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  /**
   * A streaming parser over one JSON text's UTF-8 bytes; the caller closes it. (Jackson's byte
   * parser finds field names faster than its char parser: a String is better turned into bytes.)
   */
  public static JsonParser parser(byte[] json) throws IOException {
    return MAPPER.getFactory().createParser(json);
  }

  /** {@link #parser(byte[])} over the first {@code length} bytes, as an SSE decoder holds them. */
  public static JsonParser parser(byte[] json, int length) throws IOException {
    return MAPPER.getFactory().createParser(json, 0, length);
  }

  /** {@link #parse(byte[])} over the first {@code length} bytes. */
  public static JsonNode parse(byte[] json, int length) throws IOException {
    try (JsonParser p = parser(json, length)) {
      return MAPPER.readTree(p);
    }
  }

  /**
   * Writes one JSON value with a generator and returns its UTF-8 bytes. The working buffer comes
   * from Jackson's buffer recycler (per thread), as {@code ObjectMapper.writeValueAsBytes} does, so
   * the only new array is the result.
   */
  public static byte[] write(Writer writer) {
    BufferRecycler recycler = MAPPER.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      writer.write(g);
      g.flush();
      byte[] bytes = out.toByteArray();
      out.release();
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    } finally {
      recycler.releaseToPool();
    }
  }

  /** Text of a field, or {@code null} when it is missing, null or not textual. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.textValue() : null;
  }

  /** Writes one chat message, {@code {"role": ..., "content": ...}}. */
  public static void message(JsonGenerator g, String role, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", role);
    g.writeStringField("content", content);
    g.writeEndObject();
  }

  /** Writes JSON to a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }
}
