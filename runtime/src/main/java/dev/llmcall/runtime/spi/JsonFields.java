package dev.llmcall.runtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small, tested reads that generated decoders are made of: each takes the node, the path for
 * messages and the {@link Violations}, and returns the value or a placeholder after reporting what
 * is wrong. None throws. A generated decoder is a straight line of these calls.
 *
 * <pre>{@code
 * static Person decodePerson(JsonNode node, String path, Violations v) {
 *   if (!JsonFields.object(node, path, v, "name", "age")) return null;
 *   String name = JsonFields.string(node.get("name"), path + ".name", v);
 *   int age = JsonFields.int32(node.get("age"), path + ".age", v);
 *   return v.isEmpty() ? new Person(name, age) : null;
 * }
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * Whether {@code node} is an object with exactly {@code fields} (strict schemas allow no
   * others); reports missing and extra fields. Returns false only if it is not an object at all.
   */
  public static boolean object(JsonNode node, String path, Violations v, String... fields) {
    if (node == null || !node.isObject()) {
      v.add(path, "expected an object, got " + describe(node));
      return false;
    }
    for (String field : fields) {
      if (!node.has(field)) {
        v.add(path, "missing field \"" + field + "\"");
      }
    }
    Set<String> allowed = Set.of(fields);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        v.add(path, "unexpected field \"" + name + "\"");
      }
    }
    return true;
  }

  public static String string(JsonNode node, String path, Violations v) {
    if (node == null || !node.isTextual()) {
      return wrong(node, path, v, "a string", null);
    }
    return node.textValue();
  }

  public static boolean bool(JsonNode node, String path, Violations v) {
    if (node == null || !node.isBoolean()) {
      return wrong(node, path, v, "true or false", false);
    }
    return node.booleanValue();
  }

  public static int int32(JsonNode node, String path, Violations v) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      return wrong(node, path, v, "an integer within 32 bits", 0);
    }
    return node.intValue();
  }

  public static long int64(JsonNode node, String path, Violations v) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return wrong(node, path, v, "an integer within 64 bits", 0L);
    }
    return node.longValue();
  }

  public static double float64(JsonNode node, String path, Violations v) {
    if (node == null || !node.isNumber()) {
      return wrong(node, path, v, "a number", 0.0);
    }
    return node.doubleValue();
  }

  public static BigDecimal decimal(JsonNode node, String path, Violations v) {
    if (node == null || !node.isNumber()) {
      return wrong(node, path, v, "a number", null);
    }
    return node.decimalValue();
  }

  /** A single character, as a one-character string. */
  public static char character(JsonNode node, String path, Violations v) {
    if (node == null || !node.isTextual() || node.textValue().length() != 1) {
      return wrong(node, path, v, "a one-character string", '\0');
    }
    return node.textValue().charAt(0);
  }

  public static LocalDate date(JsonNode node, String path, Violations v) {
    String s = string(node, path, v);
    try {
      return s == null ? null : LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return wrong(node, path, v, "an ISO-8601 date such as 2025-01-31", null);
    }
  }

  public static LocalDateTime dateTime(JsonNode node, String path, Violations v) {
    String s = string(node, path, v);
    try {
      return s == null ? null : LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      return wrong(node, path, v, "an ISO-8601 local date-time such as 2025-01-31T09:30:00", null);
    }
  }

  /** An instant, from an ISO-8601 date-time with an offset ({@code Z} or {@code +02:00}). */
  public static Instant instant(JsonNode node, String path, Violations v) {
    String s = string(node, path, v);
    try {
      return s == null ? null : OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return wrong(node, path, v, "an ISO-8601 date-time with an offset such as 2025-01-31T09:30:00Z",
          null);
    }
  }

  /** One of {@code values}, by exact name. */
  public static <E extends Enum<E>> E enumValue(JsonNode node, String path, Violations v, E[] values) {
    String s = node != null && node.isTextual() ? node.textValue() : null;
    for (E e : values) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : values) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append('"').append(e.name()).append('"');
    }
    return wrong(node, path, v, "one of " + allowed, null);
  }

  /** A JSON null is {@code Optional.empty()}; anything else is read by {@code element}. */
  public static <T> Optional<T> optional(JsonNode node, String path, Violations v,
      StructuredOutput.Decoder<T> element) {
    if (node != null && node.isNull()) {
      return Optional.empty();
    }
    return Optional.ofNullable(element.decode(node, path, v));
  }

  /** A nullable value: JSON null is {@code null}; anything else is read by {@code element}. */
  public static <T> T nullable(JsonNode node, String path, Violations v,
      StructuredOutput.Decoder<T> element) {
    return node != null && node.isNull() ? null : element.decode(node, path, v);
  }

  public static <T> List<T> list(JsonNode node, String path, Violations v,
      StructuredOutput.Decoder<T> element) {
    if (node == null || !node.isArray()) {
      return wrong(node, path, v, "an array", List.of());
    }
    List<T> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element.decode(node.get(i), path + "[" + i + "]", v));
    }
    return Collections.unmodifiableList(out);
  }

  /** A set, from an array; a repeated element is a violation (the schema cannot forbid it). */
  public static <T> Set<T> set(JsonNode node, String path, Violations v,
      StructuredOutput.Decoder<T> element) {
    Set<T> out = new LinkedHashSet<>();
    List<T> items = list(node, path, v, element);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) != null && !out.add(items.get(i))) {
        v.add(path + "[" + i + "]", "repeats an earlier element; expected distinct elements");
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * A {@code Map<String, V>}, from an array of {@code {"key": ..., "value": ...}} entries: strict
   * schemas allow no free-form object keys, so maps travel as entry lists.
   */
  public static <V> Map<String, V> map(JsonNode node, String path, Violations v,
      StructuredOutput.Decoder<V> value) {
    if (node == null || !node.isArray()) {
      return wrong(node, path, v, "an array of {\"key\", \"value\"} entries", Map.of());
    }
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode entry = node.get(i);
      if (object(entry, at, v, "key", "value")) {
        String key = string(entry.get("key"), at + ".key", v);
        V val = value.decode(entry.get("value"), at + ".value", v);
        if (key != null && out.put(key, val) != null) {
          v.add(at + ".key", "repeats the key \"" + key + "\"");
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static <T> T wrong(JsonNode node, String path, Violations v, String expected, T placeholder) {
    v.add(path, "expected " + expected + ", got " + describe(node));
    return placeholder;
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String json = node.toString();
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " "
        + (json.length() > 40 ? json.substring(0, 40) + "\u2026" : json);
  }
}
