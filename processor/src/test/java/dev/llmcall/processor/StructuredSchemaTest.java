package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.good;
import static dev.llmcall.processor.Compilations.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.llmcall.runtime.spi.StructuredOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every schema the processor writes is valid JSON and strict, as OpenAI's strict mode and
 * Anthropic's tool input want it (#6): the root is an object, and every object requires all its
 * properties and allows no others. The goldens pin the exact text.
 */
class StructuredSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KEYWORDS = Set.of("type", "description", "properties",
      "required", "additionalProperties", "items", "enum", "anyOf", "format", "pattern",
      "$defs", "$ref");
  private static final Set<String> TYPES =
      Set.of("object", "array", "string", "integer", "number", "boolean", "null");

  @ParameterizedTest
  @CsvSource({
    "schemas/Catalog, com.example.LlmCatalog, 3",
    "structured/Assistant, com.example.LlmAssistant, 3",
    "jsonparams/Shop, com.example.LlmShop, 1"
  })
  void everySchemaIsStrict(String fixture, String client, int outputs) throws IOException {
    Compilation compilation = compile(good(fixture));
    assertThat(compilation).succeededWithoutWarnings();
    List<StructuredOutput<?>> found = outputs(GeneratedClasses.of(compilation), client);
    assertThat(found).hasSize(outputs);
    for (StructuredOutput<?> output : found) {
      JsonNode schema = MAPPER.readTree(output.schema());
      assertThat(schema.get("type").asText()).isEqualTo("object");
      assertStrict(schema, schema, output.name());
      assertThat(MAPPER.writeValueAsString(schema)).isEqualTo(output.schema());
    }
  }

  @Test
  void descriptionsAreEscaped() throws IOException {
    String text = "Say \\\"hi\\\" \\\\ then\\n\\ttab \\u00e9\\u0001 </script>";
    JavaFileObject source = source("Assistant",
        "import dev.llmcall.annotations.Description;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @Description(\"" + text + "\")",
        "  record Note(@Description(\"" + text + "\") String text) {}",
        "  @LlmCall(prompt = \"Note {text}\")",
        "  Note note(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    StructuredOutput<?> output =
        outputs(GeneratedClasses.of(compilation), "com.example.LlmAssistant").get(0);
    JsonNode schema = MAPPER.readTree(output.schema());
    String expected = "Say \"hi\" \\ then\n\ttab \u00e9\u0001 </script>";
    assertThat(schema.get("description").asText()).isEqualTo(expected);
    assertThat(schema.at("/properties/text/description").asText()).isEqualTo(expected);
  }

  @Test
  void nullableValuesOfEveryKind() throws IOException {
    JavaFileObject source = source("Assistant",
        "import java.util.*;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  enum Mood { HAPPY }",
        "  record Inner(String a) {}",
        "  record Outer(Optional<Integer> number, Optional<java.time.LocalDate> date,",
        "      Optional<Mood> mood, Optional<Inner> inner, Optional<List<String>> list,",
        "      @Nullable Map<String, String> map, @Nullable Character letter) {}",
        "  @interface Nullable {}",
        "  @LlmCall(prompt = \"{text}\")",
        "  Outer outer(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    JsonNode properties = MAPPER.readTree(
        outputs(GeneratedClasses.of(compilation), "com.example.LlmAssistant").get(0).schema())
        .get("properties");
    assertThat(properties.get("number").toString()).isEqualTo("{\"type\":[\"integer\",\"null\"]}");
    assertThat(properties.get("date").toString())
        .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date\"}");
    assertThat(properties.get("letter").toString())
        .isEqualTo("{\"type\":[\"string\",\"null\"],\"pattern\":\"^[\\\\s\\\\S]$\"}");
    for (String anyOf : List.of("mood", "inner", "list", "map")) {
      assertThat(properties.get(anyOf).get("anyOf").get(1).toString())
          .isEqualTo("{\"type\":\"null\"}");
    }
  }

  static List<StructuredOutput<?>> outputs(GeneratedClasses classes, String client) {
    List<StructuredOutput<?>> outputs = new ArrayList<>();
    for (Field field : classes.load(client).getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType().equals(StructuredOutput.class)) {
        outputs.add((StructuredOutput<?>) classes.staticField(client, field.getName()));
      }
    }
    return outputs;
  }

  /**
   * Walks every schema inside {@code schema}. A {@code $ref} stands alone (OpenAI's strict mode
   * takes no keyword beside it) and points at a definition under the root's {@code $defs}.
   */
  static void assertStrict(JsonNode root, JsonNode schema, String at) {
    assertThat(schema.isObject()).isTrue();
    for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
      assertThat(KEYWORDS).contains(keys.next());
    }
    if (schema.has("$ref")) {
      assertThat(schema.size()).isEqualTo(1);
      assertThat(schema.get("$ref").asText()).startsWith("#/$defs/");
      assertThat(root.at(schema.get("$ref").asText().substring(1)).isObject()).isTrue();
      return;
    }
    if (schema.has("$defs")) {
      assertThat(schema).isSameInstanceAs(root);
      schema.get("$defs").properties()
          .forEach(d -> assertStrict(root, d.getValue(), "$defs." + d.getKey()));
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      List<String> types = new ArrayList<>();
      (type.isArray() ? type : MAPPER.createArrayNode().add(type))
          .forEach(t -> types.add(t.asText()));
      assertThat(TYPES).containsAtLeastElementsIn(types);
      if (types.contains("object")) {
        assertObject(root, schema, at);
      }
      if (types.contains("array")) {
        assertStrict(root, schema.get("items"), at + "[]");
      }
    } else {
      assertThat(schema.has("anyOf")).isTrue();
    }
    if (schema.has("anyOf")) {
      schema.get("anyOf").forEach(s -> assertStrict(root, s, at + "|"));
    }
  }

  private static void assertObject(JsonNode root, JsonNode schema, String at) {
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    List<String> properties = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(properties::add);
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(r -> required.add(r.asText()));
    assertThat(required).containsExactlyElementsIn(properties).inOrder();
    for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
      assertStrict(root, property.getValue(), at + "." + property.getKey());
    }
  }
}
