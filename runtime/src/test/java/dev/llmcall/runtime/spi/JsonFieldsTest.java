package dev.llmcall.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reads generated decoders are made of: good values, and what each reports for bad ones. */
class JsonFieldsTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final Violations v = new Violations();

  enum Color { RED, GREEN }

  private static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  @Test
  void objectChecksFieldsMissingAndExtra() throws Exception {
    assertTrue(JsonFields.object(json("{\"a\":1,\"c\":2}"), "$", v, "a", "b"));
    assertEquals(List.of("$: missing field \"b\"", "$: unexpected field \"c\""), v.list());
    assertFalse(JsonFields.object(json("[1]"), "$.x", new Violations(), "a"));
  }

  @Test
  void scalarsReadGoodValues() throws Exception {
    assertEquals("hi", JsonFields.string(json("\"hi\""), "$", v));
    assertTrue(JsonFields.bool(json("true"), "$", v));
    assertEquals(42, JsonFields.int32(json("42"), "$", v));
    assertEquals(5_000_000_000L, JsonFields.int64(json("5000000000"), "$", v));
    assertEquals(1.5, JsonFields.float64(json("1.5"), "$", v));
    assertEquals(new BigDecimal("0.1000000000000000000001"),
        JsonFields.decimal(json("0.1000000000000000000001"), "$", v));
    assertEquals('x', JsonFields.character(json("\"x\""), "$", v));
    assertEquals(LocalDate.of(2025, 1, 31), JsonFields.date(json("\"2025-01-31\""), "$", v));
    assertEquals(LocalDateTime.of(2025, 1, 31, 9, 30), JsonFields.dateTime(json("\"2025-01-31T09:30\""), "$", v));
    assertEquals(Instant.parse("2025-01-31T07:30:00Z"), JsonFields.instant(json("\"2025-01-31T09:30:00+02:00\""), "$", v));
    assertEquals(Color.GREEN, JsonFields.enumValue(json("\"GREEN\""), "$", v, Color.values()));
    assertTrue(v.isEmpty(), v.toString());
  }

  @Test
  void wrongScalarsAreReportedWithPathAndWhatCame() throws Exception {
    JsonFields.int32(json("\"forty\""), "$.age", v);
    JsonFields.int32(json("3000000000"), "$.big", v);
    JsonFields.int32(json("4.5"), "$.frac", v);
    JsonFields.string(null, "$.name", v);
    JsonFields.date(json("\"31/01/2025\""), "$.day", v);
    JsonFields.enumValue(json("\"BLUE\""), "$.color", v, Color.values());
    assertEquals(List.of(
        "$.age: expected an integer within 32 bits, got string \"forty\"",
        "$.big: expected an integer within 32 bits, got number 3000000000",
        "$.frac: expected an integer within 32 bits, got number 4.5",
        "$.name: expected a string, got nothing",
        "$.day: expected an ISO-8601 date such as 2025-01-31, got string \"31/01/2025\"",
        "$.color: expected one of \"RED\", \"GREEN\", got string \"BLUE\""), v.list());
  }

  @Test
  void optionalAndNullable() throws Exception {
    assertEquals(Optional.empty(), JsonFields.optional(json("null"), "$", v, JsonFields::string));
    assertEquals(Optional.of("a"), JsonFields.optional(json("\"a\""), "$", v, JsonFields::string));
    assertNull(JsonFields.nullable(json("null"), "$", v, JsonFields::string));
    assertTrue(v.isEmpty());
    JsonFields.optional(null, "$.gone", v, JsonFields::string);
    assertEquals(List.of("$.gone: expected a string, got nothing"), v.list());
  }

  @Test
  void listsAndSetsWithElementPaths() throws Exception {
    assertEquals(List.of(1, 2), JsonFields.list(json("[1,2]"), "$", v, JsonFields::int32));
    assertEquals(Set.of("a", "b"), JsonFields.set(json("[\"a\",\"b\"]"), "$", v, JsonFields::string));
    assertTrue(v.isEmpty());
    JsonFields.list(json("[1,\"x\"]"), "$.n", v, JsonFields::int32);
    JsonFields.set(json("[\"a\",\"a\"]"), "$.s", v, JsonFields::string);
    JsonFields.list(json("{}"), "$.l", v, JsonFields::int32);
    assertEquals(List.of(
        "$.n[1]: expected an integer within 32 bits, got string \"x\"",
        "$.s[1]: repeats an earlier element; expected distinct elements",
        "$.l: expected an array, got object {}"), v.list());
  }

  @Test
  void mapsTravelAsEntryLists() throws Exception {
    Map<String, Integer> m = JsonFields.map(
        json("[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]"), "$", v, JsonFields::int32);
    assertEquals(Map.of("a", 1, "b", 2), m);
    assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
    JsonFields.map(json("[{\"key\":\"a\",\"value\":1},{\"key\":\"a\",\"value\":2}]"), "$.m", v,
        JsonFields::int32);
    assertEquals(List.of("$.m[1].key: repeats the key \"a\""), v.list());
  }

  @Test
  void manyViolationsAreCapped() {
    for (int i = 0; i < 60; i++) {
      v.add("$[" + i + "]", "bad");
    }
    assertEquals(51, v.list().size());
    assertEquals("(and 10 more)", v.list().get(50));
  }

  @Test
  void jsonWritingUsesTheEncoder() {
    record Point(int x, String label) {}
    String json = JsonWriting.toJson(new Point(3, "a\"b"), (g, p) -> {
      g.writeStartObject();
      g.writeNumberField("x", p.x());
      g.writeStringField("label", p.label());
      g.writeEndObject();
    });
    assertEquals("{\"x\":3,\"label\":\"a\\\"b\"}", json);
    assertEquals("null", JsonWriting.toJson((Point) null, (g, p) -> { }));
  }
}
