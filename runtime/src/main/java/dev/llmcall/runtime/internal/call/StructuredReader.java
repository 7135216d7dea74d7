package dev.llmcall.runtime.internal.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.util.List;

/**
 * Reads a model's answer as a structured result: a {@code ```json} fence around it is tolerated,
 * anything else that is not the JSON itself (prose before or after, a second value) is a
 * violation, and the generated decoder reports what does not fit the schema. Decimals keep their
 * precision. Internal: not part of the API.
 */
public final class StructuredReader {
  // Exact decimals: 12.50 stays 12.50 (the default node factory would strip the zero).
  private static final ObjectReader READER = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).reader()
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private StructuredReader() {}

  /** A decoded value, or the violations that kept it from being one. */
  public record Result<T>(T value, List<String> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  public static <T> Result<T> read(String answer, StructuredOutput<T> output) {
    Violations v = new Violations();
    JsonNode root;
    try {
      root = READER.readTree(unfenced(answer));
    } catch (JsonProcessingException e) {
      v.add("$", "the answer is not one JSON value (" + e.getOriginalMessage() + ")");
      return new Result<>(null, v.list());
    }
    if (root == null || root.isMissingNode()) {
      v.add("$", "the answer is empty");
      return new Result<>(null, v.list());
    }
    T value;
    try {
      value = output.decoder().decode(root, "$", v);
    } catch (RuntimeException e) { // a decoder must not throw; if one does, it is a violation
      v.add("$", "could not be read: " + e);
      value = null;
    }
    return v.isEmpty() && value != null ? new Result<>(value, List.of()) : new Result<>(null, v.list());
  }

  /** {@code json} as one JSON value, decimals exact; {@code null} or missing when it is empty. */
  static JsonNode tree(String json) throws JsonProcessingException {
    return READER.readTree(json);
  }

  /** The answer without a surrounding markdown code fence, if it has exactly one. */
  static String unfenced(String answer) {
    String s = answer.strip();
    if (!s.startsWith("```") || !s.endsWith("```") || s.length() < 6) {
      return s;
    }
    int firstLine = s.indexOf('\n');
    if (firstLine < 0) {
      return s;
    }
    return s.substring(firstLine + 1, s.length() - 3).strip();
  }

  /** What the model is told when its answer is sent back. */
  public static String feedback(List<String> violations) {
    StringBuilder b = new StringBuilder(
        "Your answer did not match the required JSON schema:\n");
    for (String violation : violations) {
      b.append("- ").append(violation).append('\n');
    }
    return b.append("Reply again with only the corrected JSON, nothing else.").toString();
  }
}
