package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The runtime's JSON: Jackson's streaming API on a plain {@link JsonFactory} for what every call
 * does (requests, OpenAI answers and chunks), and a mapper for trees (Anthropic events, error
 * bodies), made on first use, so that a runtime starts without loading data binding (about 450
 * classes: bench/RESULTS.md). No data binding, no reflection. Internal: not part of the API.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Holds a typical request body in one block. */
  private static final int FIRST_BLOCK = 8 * 1024;
  private static final int KEEP_AT_MOST = 16 * 1024;
  /** Per thread, the builder {@link #write} reuses; {@code null} while a write is using it. */
  private static final ThreadLocal<ByteArrayBuilder> SPARE = new ThreadLocal<>();

  private Json() {}

  /** Parses a body into a tree; throws {@link IOException} on malformed JSON. */
  public static JsonNode parse(byte[] body) throws IOException {
    return Trees.MAPPER.readTree(body);
  }

  /** The mapper, loaded with the first tree. */
  private static final class Trees {
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  }

  /**
   * A streaming parser over one JSON text's UTF-8 bytes; the caller closes it. (Jackson's byte
   * parser finds field names faster than its char parser: a String is better turned into bytes.)
   */
  public static JsonParser parser(byte[] json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** {@link #parser(byte[])} over the first {@code length} bytes, as an SSE decoder holds them. */
  public static JsonParser parser(byte[] json, int length) throws IOException {
    return FACTORY.createParser(json, 0, length);
  }

  /** {@link #parse(byte[])} over the first {@code length} bytes. */
  public static JsonNode parse(byte[] json, int length) throws IOException {
    try (JsonParser p = parser(json, length)) {
      return Trees.MAPPER.readTree(p);
    }
  }

  /**
   * Writes one JSON value with a generator and returns its UTF-8 bytes. The generator writes into
   * a per-thread builder that is reused, so for a typical request the only new array is the
   * result. Only Jackson's public API is used (not the factory's internal buffer recycler), so
   * every supported Jackson 2.x version works.
   */
  public static byte[] write(Writer writer) {
    ByteArrayBuilder out = SPARE.get();
    if (out == null) {
      out = new ByteArrayBuilder(FIRST_BLOCK);
    } else {
      SPARE.set(null); // a writer that calls write() again gets a builder of its own
    }
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    } finally {
      out.reset();
      // Keep a thread's builder only while its block is small: one huge request must not pin
      // a large array to every thread that once sent it.
      byte[] block = out.getCurrentSegment();
      if (block != null && block.length <= KEEP_AT_MOST) {
        SPARE.set(out);
      }
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
