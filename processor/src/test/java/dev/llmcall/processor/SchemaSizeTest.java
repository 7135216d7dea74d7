package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.llmcall.runtime.spi.StructuredOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Large and deeply nested record graphs (#15): a record used in several places is defined once
 * under {@code $defs}, so a schema grows with the number of records; and a schema longer than a
 * class file constant can hold still compiles.
 */
class SchemaSizeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** L10 has two L9s, each of which has two L8s, ...: 2^10 paths to L0, 11 records. */
  @Test
  void recordReusedAtEachOfTenLevelsIsDefinedOnce() throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record L0(String a, String b) {}"));
    for (int level = 1; level <= 10; level++) {
      lines.add("  record L" + level + "(L" + (level - 1) + " left, L" + (level - 1)
          + " right) {}");
    }
    lines.add("  @LlmCall(prompt = \"Build {text}\")");
    lines.add("  L10 build(String text);");
    lines.add("}");
    String schema = schema(compile(source("Assistant", lines.toArray(String[]::new))));

    JsonNode root = MAPPER.readTree(schema);
    StructuredSchemaTest.assertStrict(root, root, "L10");
    assertThat(count(schema, "\"type\":\"object\"")).isEqualTo(11);
    assertThat(count(schema, "\"$ref\":\"#/$defs/L")).isEqualTo(20);
    List<String> defs = new ArrayList<>();
    root.get("$defs").fieldNames().forEachRemaining(defs::add);
    assertThat(defs).containsExactly("L9", "L8", "L7", "L6", "L5", "L4", "L3", "L2", "L1", "L0")
        .inOrder();
    // Inline, L0 alone would be written 1024 times.
    assertThat(schema.length()).isLessThan(3_000);
  }

  @Test
  void aRecordUsedOnceStaysInline() throws IOException {
    Compilation compilation = compile(source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Address(String city) {}",
        "  record Person(String name, Address home, java.util.List<Address> others) {}",
        "  record Team(Person lead, java.util.List<Person> members) {}",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Team team(String text);",
        "}"));
    String schema = schema(compilation);
    JsonNode root = MAPPER.readTree(schema);
    StructuredSchemaTest.assertStrict(root, root, "Team");
    List<String> defs = new ArrayList<>();
    root.get("$defs").fieldNames().forEachRemaining(defs::add);
    // Address is used twice, but only inside Person, which is written once.
    assertThat(defs).containsExactly("Person", "Address").inOrder();
    assertThat(root.at("/properties/lead").toString()).isEqualTo("{\"$ref\":\"#/$defs/Person\"}");
  }

  @Test
  void aDescribedReferenceKeepsItsDescriptionBesideAnyOf() throws IOException {
    Compilation compilation = compile(source("Assistant",
        "import dev.llmcall.annotations.Description;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Address(String city) {}",
        "  record Person(@Description(\"Where they live\") Address home, Address work) {}",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Person person(String text);",
        "}"));
    JsonNode root = MAPPER.readTree(schema(compilation));
    assertThat(root.at("/properties/home").toString()).isEqualTo(
        "{\"description\":\"Where they live\",\"anyOf\":[{\"$ref\":\"#/$defs/Address\"}]}");
    assertThat(root.at("/properties/work").toString()).isEqualTo("{\"$ref\":\"#/$defs/Address\"}");
  }

  /**
   * 40 records of 20 described components: about 150 KB of schema, more than the 65535 bytes a
   * class file constant holds, with characters of two, three and four bytes in UTF-8.
   */
  @Test
  void fortyRecordModelCompilesPastTheConstantLimit() throws IOException {
    String words = "é€\uD83D\uDE00 A described component, long enough to make the schema big";
    List<String> lines = new ArrayList<>(List.of(
        "import dev.llmcall.annotations.Description;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {"));
    List<String> parts = new ArrayList<>();
    for (int r = 0; r < 40; r++) {
      List<String> components = new ArrayList<>();
      for (int c = 0; c < 20; c++) {
        components.add("@Description(\"R" + r + "." + c + " " + words + "\") String c" + c);
      }
      lines.add("  record R" + r + "(" + String.join(", ", components) + ") {}");
      parts.add("R" + r + " r" + r);
    }
    lines.add("  record Model(" + String.join(", ", parts) + ") {}");
    lines.add("  @LlmCall(prompt = \"Model {text}\")");
    lines.add("  Model model(String text);");
    lines.add("}");
    Compilation compilation = compile(source("Assistant", lines.toArray(String[]::new)));
    String schema = schema(compilation);

    assertThat(schema.getBytes(UTF_8).length).isGreaterThan(65_535);
    JsonNode root = MAPPER.readTree(schema);
    StructuredSchemaTest.assertStrict(root, root, "Model");
    assertThat(root.has("$defs")).isFalse();
    assertThat(count(schema, "\"type\":\"object\"")).isEqualTo(41);
    assertThat(root.at("/properties/r39/properties/c19/description").asText())
        .isEqualTo("R39.19 " + words);
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .containsMatch("MODEL_OUTPUT = StructuredOutput.of\\(\"Model\",\\s+String.join\\(\"\",");
  }

  /** The schema of the one structured output of {@code com.example.LlmAssistant}. */
  private static String schema(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    List<StructuredOutput<?>> outputs = StructuredSchemaTest.outputs(
        GeneratedClasses.of(compilation), "com.example.LlmAssistant");
    assertThat(outputs).hasSize(1);
    return outputs.get(0).schema();
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
