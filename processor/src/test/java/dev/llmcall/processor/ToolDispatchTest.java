package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.good;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Violations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs a generated tool dispatcher and reads its tool definitions (#12), as the runtime's tool
 * loop will: the dispatcher decodes the model's arguments with the generated decoders, calls the
 * caller's implementation and encodes its result, or reports what is wrong with the arguments
 * without calling it. The tool set is implemented by a recording proxy.
 */
class ToolDispatchTest {
  private static final String CLIENT = "com.example.LlmAssistant";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static GeneratedClasses classes;
  private static Method dispatch;

  /** The calls the tool set received, as "method(arg, arg)". */
  private final List<String> calls = new ArrayList<>();
  /** What each call returns, by method name. */
  private Function<String, Object> results = name -> null;

  @BeforeAll
  static void compileTheClient() {
    classes = GeneratedClasses.of(compile(good("conversation/Assistant")));
    dispatch = classes.staticMethod(CLIENT, "dispatchWeather");
  }

  @BeforeEach
  void reset() {
    calls.clear();
  }

  @Test
  void definitionsNameDescribeAndGiveTheSchemaOfEachTool() throws Exception {
    @SuppressWarnings("unchecked")
    List<ToolDefinition> tools =
        (List<ToolDefinition>) classes.staticField(CLIENT, "WEATHER_TOOLS");
    assertThat(tools.stream().map(ToolDefinition::name).toList())
        .containsExactly("forecast", "nearby_cities", "horizon", "remember", "describe")
        .inOrder();
    assertThat(tools.get(1).description()).isEqualTo("Cities near a place");
    JsonNode schema = MAPPER.readTree(tools.get(0).schema());
    assertThat(schema.path("required").toString()).isEqualTo("[\"city\",\"days\",\"unit\"]");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("properties").path("city").path("description").asText())
        .isEqualTo("Where");
    assertThat(schema.path("properties").path("unit").toString())
        .isEqualTo("{\"anyOf\":[{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]},"
            + "{\"type\":\"null\"}]}");
  }

  @Test
  void decodesEveryArgumentCallsTheToolAndEncodesItsRecordResult() throws Exception {
    Object oslo = record("City", "Oslo", "NO");
    results = name -> record("Forecast", oslo, List.of(1.5, -2.0), unit("CELSIUS"));
    String result = dispatch("forecast",
        "{\"city\":{\"name\":\"Oslo\",\"country\":\"NO\"},\"days\":3,\"unit\":\"CELSIUS\"}",
        new Violations());
    assertThat(calls).containsExactly("forecast(City[name=Oslo, country=NO], 3, Optional[CELSIUS])");
    assertThat(result).isEqualTo("{\"city\":{\"name\":\"Oslo\",\"country\":\"NO\"},"
        + "\"temperatures\":[1.5,-2.0],\"unit\":\"CELSIUS\"}");
  }

  @Test
  void nullForAnOptionalIsEmpty() throws Exception {
    dispatch("forecast", "{\"city\":{\"name\":\"Oslo\",\"country\":\"NO\"},\"days\":1,"
        + "\"unit\":null}", new Violations());
    assertThat(calls).containsExactly("forecast(City[name=Oslo, country=NO], 1, Optional.empty)");
  }

  @Test
  void argumentsThatDoNotFitAreViolationsAndTheToolIsNotCalled() throws Exception {
    Violations v = new Violations();
    String result = dispatch("forecast", "{\"city\":\"Oslo\",\"days\":\"three\",\"extra\":1}", v);
    assertThat(result).isNull();
    assertThat(calls).isEmpty();
    assertThat(v.list()).containsExactly(
        "$: missing field \"unit\"",
        "$: unexpected field \"extra\"",
        "$.city: expected an object, got string \"Oslo\"",
        "$.days: expected an integer within 32 bits, got string \"three\"",
        "$.unit: expected one of \"CELSIUS\", \"FAHRENHEIT\", got nothing");
  }

  @Test
  void argumentsThatAreNotAnObjectAreAViolation() throws Exception {
    Violations v = new Violations();
    assertThat(dispatch("remember", "[1]", v)).isNull();
    assertThat(calls).isEmpty();
    assertThat(v.list()).hasSize(1);
    assertThat(v.list().get(0)).startsWith("$: expected an object");
  }

  @Test
  void listEnumScalarVoidAndStringResults() throws Exception {
    results = name -> switch (name) {
      case "nearby" -> List.of(record("City", "Bergen", "NO"));
      case "horizon" -> 7;
      case "describe" -> "Rainy, as always";
      default -> null;
    };
    assertThat(dispatch("nearby_cities",
        "{\"city\":{\"name\":\"Oslo\",\"country\":\"NO\"},\"exclude\":[\"Moss\"]}",
        new Violations()))
        .isEqualTo("[{\"name\":\"Bergen\",\"country\":\"NO\"}]");
    assertThat(dispatch("horizon", "{}", new Violations())).isEqualTo("7");
    assertThat(dispatch("remember", "{\"note\":\"umbrella\"}", new Violations()))
        .isEqualTo(ToolWriter.VOID_RESULT);
    assertThat(dispatch("describe", "{\"city\":\"Bergen\"}", new Violations()))
        .isEqualTo("Rainy, as always");
    assertThat(calls).containsExactly("nearby(City[name=Oslo, country=NO], [Moss])",
        "horizon()", "remember(umbrella)", "describe(Bergen)").inOrder();
  }

  /** A null String must not look like arguments that did not fit, which is a null return. */
  @Test
  void aNullStringResultIsTheTextNull() throws Exception {
    assertThat(dispatch("describe", "{\"city\":\"Bergen\"}", new Violations())).isEqualTo("null");
  }

  @Test
  void anUnknownToolIsAnIllegalArgument() {
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> dispatch("nowcast", "{}", new Violations()));
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getCause()).hasMessageThat().isEqualTo("no tool called nowcast");
    assertThat(calls).isEmpty();
  }

  /** What a tool throws reaches the runtime unchanged, which sends it back or fails the call. */
  @Test
  void whatAToolThrowsIsThrown() {
    results = name -> {
      throw new IllegalStateException("no network");
    };
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> dispatch("horizon", "{}", new Violations()));
    assertThat(e.getCause()).hasMessageThat().isEqualTo("no network");
  }

  private String dispatch(String name, String json, Violations v) throws Exception {
    return (String) dispatch.invoke(null, weather(), name, MAPPER.readTree(json), v);
  }

  /** A Weather that records each call and answers from {@link #results}. */
  private Object weather() {
    Class<?> type = classes.load("com.example.Assistant$Weather");
    return Proxy.newProxyInstance(classes, new Class<?>[] {type}, (proxy, method, args) -> {
      List<String> shown = args == null ? List.of()
          : Arrays.stream(args).map(a -> a instanceof Optional<?> o && o.isEmpty()
              ? "Optional.empty" : String.valueOf(a)).toList();
      calls.add(method.getName() + "(" + String.join(", ", shown) + ")");
      return results.apply(method.getName());
    });
  }

  private static Object record(String name, Object... components) {
    Class<?> type = classes.load("com.example.Assistant$" + name);
    try {
      return type.getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object unit(String name) {
    for (Object constant : classes.load("com.example.Assistant$Unit").getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new AssertionError(name);
  }
}
