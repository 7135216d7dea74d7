package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.llmcall.runtime.spi.JsonWriting;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated decoders and encoders (#6): the test compiles a client, loads the classes
 * from the compilation and calls the {@code StructuredOutput} constants and encoder methods
 * directly, as the runtime would.
 */
class StructuredBehaviourTest {
  private static final String CLIENT = "com.example.LlmAssistant";
  /** As the runtime reads answers: decimals keep their digits. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static GeneratedClasses classes;

  @BeforeAll
  static void compileTheClient() {
    Compilation compilation = compile(source("Assistant",
        "import dev.llmcall.annotations.Description;",
        "import java.math.BigDecimal;",
        "import java.time.*;",
        "import java.util.*;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name, int age, Address address, List<String> tags,",
        "      Optional<Address> previous, Mood mood, @Nullable String nickname,",
        "      Map<String, Integer> scores, Set<Mood> moods, LocalDate born, BigDecimal balance,",
        "      Instant seen, LocalDateTime meeting, char initial, Double height) {}",
        "  record Address(String street, String city) {}",
        "  record Age(int years) {",
        "    public Age {",
        "      if (years < 0) throw new IllegalArgumentException(\"years must not be negative\");",
        "    }",
        "  }",
        "  enum Mood { HAPPY, SAD }",
        "  @interface Nullable {}",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  Person extract(String text);",
        "  @LlmCall(prompt = \"Everyone in: {text}\")",
        "  List<Address> addresses(String text);",
        "  @LlmCall(prompt = \"The mood of: {text}\")",
        "  Mood mood(String text);",
        "  @LlmCall(prompt = \"How old: {text}\")",
        "  Age age(String text);",
        "  @LlmCall(prompt = \"Check {person} against {people}\")",
        "  String check(Person person, Map<String, List<Person>> people);",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    classes = GeneratedClasses.of(compilation);
  }

  private static final String ANN = "{\"name\":\"Ann\",\"age\":41,"
      + "\"address\":{\"street\":\"Main St 1\",\"city\":\"Oslo\"},"
      + "\"tags\":[\"a\",\"b\"],\"previous\":null,\"mood\":\"HAPPY\",\"nickname\":null,"
      + "\"scores\":[{\"key\":\"math\",\"value\":9}],\"moods\":[\"SAD\"],"
      + "\"born\":\"1984-02-29\",\"balance\":12.25,\"seen\":\"2025-01-31T09:30:00Z\","
      + "\"meeting\":\"2025-01-31T09:30:00\",\"initial\":\"A\",\"height\":1.7}";

  @Test
  void decodesEveryTypeOfComponent() {
    Violations v = new Violations();
    Object person = decode("PERSON_OUTPUT", ANN, v);
    assertThat(v.list()).isEmpty();
    assertThat(person.toString()).isEqualTo("Person[name=Ann, age=41, "
        + "address=Address[street=Main St 1, city=Oslo], tags=[a, b], previous=Optional.empty,"
        + " mood=HAPPY, nickname=null, scores={math=9}, moods=[SAD], born=1984-02-29,"
        + " balance=12.25, seen=2025-01-31T09:30:00Z, meeting=2025-01-31T09:30, initial=A,"
        + " height=1.7]");
  }

  @Test
  void optionalAndNullableValuesArePresentWhenGiven() {
    Violations v = new Violations();
    Object person = decode("PERSON_OUTPUT", ANN
        .replace("\"previous\":null", "\"previous\":{\"street\":\"Old St\",\"city\":\"Bergen\"}")
        .replace("\"nickname\":null", "\"nickname\":\"Annie\""), v);
    assertThat(v.list()).isEmpty();
    assertThat(person.toString())
        .contains("previous=Optional[Address[street=Old St, city=Bergen]]");
    assertThat(person.toString()).contains("nickname=Annie");
  }

  @Test
  void everyViolationIsReportedWithItsPathAndTheResultIsNull() {
    Violations v = new Violations();
    Object person = decode("PERSON_OUTPUT", ANN
        .replace("\"age\":41", "\"age\":\"forty-one\"")
        .replace("\"city\":\"Oslo\"", "\"town\":\"Oslo\"")
        .replace("\"mood\":\"HAPPY\"", "\"mood\":\"happy\"")
        .replace("\"tags\":[\"a\",\"b\"]", "\"tags\":[\"a\",2]")
        .replace("\"initial\":\"A\"", "\"initial\":\"AB\"")
        .replace("\"nickname\":null", "\"nickname\":null,\"extra\":1"), v);
    assertThat(person).isNull();
    assertThat(v.list()).containsExactly(
        "$: unexpected field \"extra\"",
        "$.age: expected an integer within 32 bits, got string \"forty-one\"",
        "$.address: missing field \"city\"",
        "$.address: unexpected field \"town\"",
        "$.address.city: expected a string, got nothing",
        "$.tags[1]: expected a string, got number 2",
        "$.mood: expected one of \"HAPPY\", \"SAD\", got string \"happy\"",
        "$.initial: expected a one-character string, got string \"AB\"");
  }

  @Test
  void notAnObjectAtAll() {
    Violations v = new Violations();
    assertThat(decode("PERSON_OUTPUT", "[1, 2]", v)).isNull();
    assertThat(v.list()).containsExactly("$: expected an object, got array [1,2]");
  }

  @Test
  void listResultIsUnwrappedFromValue() {
    Violations v = new Violations();
    Object addresses = decode("ADDRESS_LIST_OUTPUT",
        "{\"value\":[{\"street\":\"A\",\"city\":\"B\"},{\"street\":\"C\",\"city\":\"D\"}]}", v);
    assertThat(v.list()).isEmpty();
    assertThat(addresses.toString())
        .isEqualTo("[Address[street=A, city=B], Address[street=C, city=D]]");

    Violations wrong = new Violations();
    assertThat(decode("ADDRESS_LIST_OUTPUT", "{\"value\":[{\"street\":\"A\"}]}", wrong)).isNull();
    assertThat(wrong.list()).contains("$.value[0]: missing field \"city\"");
  }

  @Test
  void enumResultIsUnwrappedFromValue() {
    Violations v = new Violations();
    assertThat(decode("MOOD_OUTPUT", "{\"value\":\"SAD\"}", v).toString()).isEqualTo("SAD");
    Violations wrong = new Violations();
    assertThat(decode("MOOD_OUTPUT", "\"SAD\"", wrong)).isNull();
    assertThat(wrong.list()).containsExactly("$: expected an object, got string \"SAD\"");
  }

  @Test
  void aRecordConstructorThatRejectsTheValueIsAViolation() {
    Violations v = new Violations();
    assertThat(decode("AGE_OUTPUT", "{\"years\":7}", v).toString()).isEqualTo("Age[years=7]");
    Violations rejected = new Violations();
    assertThat(decode("AGE_OUTPUT", "{\"years\":-1}", rejected)).isNull();
    assertThat(rejected.list())
        .containsExactly("$: not a valid Assistant.Age: years must not be negative");
  }

  @Test
  void theSchemaNamesAreTheRootTypes() {
    assertThat(output("PERSON_OUTPUT").name()).isEqualTo("Person");
    assertThat(output("ADDRESS_LIST_OUTPUT").name()).isEqualTo("AddressList");
    assertThat(output("MOOD_OUTPUT").name()).isEqualTo("Mood");
  }

  @Test
  void encodesWhatItDecodes() throws Exception {
    Object person = decode("PERSON_OUTPUT", ANN, new Violations());
    JsonNode json = MAPPER.readTree(encode("encodePerson", person));
    JsonNode expected = MAPPER.readTree(ANN);
    // Input to the model, a map is a plain object rather than a list of entries.
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
        .set("scores", MAPPER.readTree("{\"math\":9}"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
        .put("meeting", "2025-01-31T09:30");
    assertThat(json).isEqualTo(expected);
  }

  @Test
  void encodesNullsAsJsonNull() throws Exception {
    Class<?> type = classes.load("com.example.Assistant$Person");
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    Object[] arguments = Arrays.stream(constructor.getParameterTypes())
        .map(t -> t == int.class ? (Object) 0 : t == char.class ? (Object) 'x' : null)
        .toArray();
    Object person = constructor.newInstance(arguments);
    assertThat(encode("encodePerson", person)).isEqualTo("{\"name\":null,\"age\":0,"
        + "\"address\":null,\"tags\":null,\"previous\":null,\"mood\":null,\"nickname\":null,"
        + "\"scores\":null,\"moods\":null,\"born\":null,\"balance\":null,\"seen\":null,"
        + "\"meeting\":null,\"initial\":\"x\",\"height\":null}");
    assertThat(encode("encodePerson", null)).isEqualTo("null");
  }

  @Test
  void encodesAMapOfListsParameter() throws Exception {
    Object address = decode("ADDRESS_LIST_OUTPUT",
        "{\"value\":[{\"street\":\"A\",\"city\":\"B\"}]}", new Violations());
    Object person = decode("PERSON_OUTPUT", ANN, new Violations());
    java.util.Map<String, Object> people = new java.util.LinkedHashMap<>();
    people.put("team", java.util.Arrays.asList(person, null));
    people.put("nobody", java.util.List.of());
    String json = encode("encodePersonListMap", people);
    assertThat(MAPPER.readTree(json).get("team").get(0).get("name").asText()).isEqualTo("Ann");
    assertThat(json).endsWith(",null],\"nobody\":[]}");
    assertThat(address).isNotNull();
  }

  private static StructuredOutput<?> output(String constant) {
    return (StructuredOutput<?>) classes.staticField(CLIENT, constant);
  }

  private static Object decode(String constant, String json, Violations v) {
    try {
      return output(constant).decoder().decode(MAPPER.readTree(json), "$", v);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String encode(String encoder, Object value) {
    Method method = classes.staticMethod(CLIENT, encoder);
    return JsonWriting.toJson(value, (g, v) -> {
      try {
        method.invoke(null, g, v);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      } catch (InvocationTargetException e) {
        throw new AssertionError(e.getCause());
      }
    });
  }
}
