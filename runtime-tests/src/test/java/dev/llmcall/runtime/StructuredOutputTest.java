package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Structured results through the runtime: the request, decoding, repairs and the final failure. */
class StructuredOutputTest {
  record Person(String name, int age) {}

  /** What the processor generates for Person, written by hand. */
  static Person decodePerson(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "name", "age")) {
      return null;
    }
    String name = JsonFields.string(node.get("name"), path + ".name", v);
    int age = JsonFields.int32(node.get("age"), path + ".age", v);
    return v.isEmpty() ? new Person(name, age) : null;
  }

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
      + "\"age\":{\"type\":\"integer\"}},\"required\":[\"name\",\"age\"],\"additionalProperties\":false}";
  static final StructuredOutput<Person> PERSON =
      StructuredOutput.of("Person", SCHEMA, StructuredOutputTest::decodePerson);

  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-json").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-json").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call(String provider) {
    return runtime.bind(CallSite.of("People.find", provider, "m"));
  }

  @Test
  void openAiGetsAStrictJsonSchemaAndTheAnswerIsDecoded() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<Person> r = call("openai").structured(null, "Who?", PERSON);
    assertEquals(new Person("Ada", 36), r.value());
    assertEquals("{\"name\":\"Ada\",\"age\":36}", r.text());

    JsonNode format = server.takeRequest().json().path("response_format");
    assertEquals("json_schema", format.path("type").asText());
    assertEquals("Person", format.path("json_schema").path("name").asText());
    assertTrue(format.path("json_schema").path("strict").asBoolean());
    assertEquals(SCHEMA, format.path("json_schema").path("schema").toString());
  }

  @Test
  void anthropicIsForcedToCallATool() {
    server.enqueue(FakeReply.text("x").body("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
        + "\"name\":\"Person\",\"input\":{\"name\":\"Ada\",\"age\":36}}],\"stop_reason\":\"tool_use\","
        + "\"usage\":{\"input_tokens\":50,\"output_tokens\":20}}"));
    LlmResponse<Person> r = call("anthropic").structured(null, "Who?", PERSON);
    assertEquals(new Person("Ada", 36), r.value());
    assertEquals(FinishReason.STOP, r.finishReason());

    JsonNode body = server.takeRequest().json();
    assertEquals("Person", body.path("tools").path(0).path("name").asText());
    assertEquals(SCHEMA, body.path("tools").path(0).path("input_schema").toString());
    assertEquals("tool", body.path("tool_choice").path("type").asText());
    assertEquals("Person", body.path("tool_choice").path("name").asText());
  }

  @Test
  void aJsonFenceIsTolerated() {
    server.enqueue(FakeReply.text("```json\n{\"name\":\"Ada\",\"age\":36}\n```"));
    assertEquals(new Person("Ada", 36), call("openai").structured(null, "Who?", PERSON).value());
  }

  @Test
  void aWrongAnswerIsSentBackWithItsViolationsAndRepaired() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":\"thirty-six\"}"))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<Person> r = call("openai").structured(null, "Who?", PERSON);

    assertEquals(new Person("Ada", 36), r.value());
    assertEquals(2, r.attempts());
    Attempt first = r.history().get(0);
    assertEquals(ErrorCategory.VALIDATION, first.failure());
    assertEquals(WaitSource.REPAIR, first.waitSource());
    server.takeRequest();
    JsonNode messages = server.takeRequest().json().path("messages");
    assertEquals("assistant", messages.path(1).path("role").asText());
    assertEquals("{\"name\":\"Ada\",\"age\":\"thirty-six\"}", messages.path(1).path("content").asText());
    String feedback = messages.path(2).path("content").asText();
    assertTrue(feedback.contains("$.age: expected an integer within 32 bits, got string \"thirty-six\""), feedback);
    assertEquals(1, runtime.metrics().get(0).repairs());
  }

  @Test
  void whenRepairsRunOutItIsAValidationFailureWithTheRawOutput() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\"}")).enqueue(FakeReply.text("Sorry, I don't know."));
    LlmException e = assertThrows(LlmException.class,
        () -> call("openai").structured(null, "Who?", PERSON));
    assertEquals(ErrorCategory.VALIDATION, e.category());
    assertFalse(e.retryable());
    assertEquals("Sorry, I don't know.", e.rawOutput().orElseThrow());
    assertTrue(e.violations().get(0).startsWith("$: the answer is not one JSON value"), e.violations().toString());
    assertTrue(e.getMessage().contains("after 1 repair"), e.getMessage());
    assertEquals(2, server.requestCount());
  }

  @Test
  void proseAroundTheJsonIsReported() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36} Hope this helps!"));
    LlmException e = assertThrows(LlmException.class, () -> runtime.bind(
        CallSite.of("People.find", "openai", "m").repairAttempts(0)).structured(null, "Who?", PERSON));
    assertEquals(1, server.requestCount());
    assertTrue(e.violations().get(0).contains("not one JSON value"), e.violations().toString());
  }

  @Test
  void transportRetriesAndRepairsAreCountedApart() {
    server.enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36,\"extra\":true}"))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<Person> r = call("openai").structured(null, "Who?", PERSON);
    assertEquals(List.of(WaitSource.BACKOFF, WaitSource.REPAIR, WaitSource.NONE),
        r.history().stream().map(Attempt::waitSource).toList());
    assertEquals(1, runtime.metrics().get(0).retries());
    assertEquals(1, runtime.metrics().get(0).repairs());
  }

  @Test
  void asyncStructuredCallRepairsToo() throws Exception {
    server.enqueue(FakeReply.text("{\"age\":36}")).enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<Person> r = call("openai").structuredAsync(null, "Who?", PERSON).get(20, TimeUnit.SECONDS);
    assertEquals(new Person("Ada", 36), r.value());
    assertEquals(2, r.attempts());
  }

  @Test
  void asyncContractFailureIsTheLlmExceptionItself() {
    server.enqueue(FakeReply.text("[]")).enqueue(FakeReply.text("[]"));
    Throwable t = call("openai").structuredAsync(null, "Who?", PERSON).handle((v, e) -> e).join();
    assertTrue(t instanceof LlmException, String.valueOf(t));
    assertEquals(ErrorCategory.VALIDATION, ((LlmException) t).category());
  }

  @Test
  void aRefusalIsContentFilterWithTheRefusalText() {
    server.enqueue(FakeReply.text("").refusal("I won't identify people."));
    LlmException e = assertThrows(LlmException.class,
        () -> call("openai").structured(null, "Who?", PERSON));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertTrue(e.detail().contains("I won't identify people."));
  }
}
