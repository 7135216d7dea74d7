package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated schemas, decoders and encoders, end to end against the fake provider. */
class GeneratedStructuredTest {
  private static final String GRACE = "{\"name\":\"Grace Hopper\",\"role\":null,"
      + "\"emails\":[\"grace@navy.example\"],\"sentiment\":\"POSITIVE\"}";
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-e2e-json").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void recordResultIsDecodedAndTheSchemaIsStrict() {
    server.enqueue(FakeReply.text(GRACE));
    Contact c = LlmExtractor.create(runtime).contact("memo");
    assertEquals(new Contact("Grace Hopper", Optional.empty(), List.of("grace@navy.example"),
        Contact.Sentiment.POSITIVE), c);

    JsonNode schema = server.takeRequest().json().path("response_format").path("json_schema");
    assertTrue(schema.path("strict").asBoolean());
    JsonNode root = schema.path("schema");
    assertEquals("object", root.path("type").asText());
    assertEquals(false, root.path("additionalProperties").asBoolean());
    assertEquals(4, root.path("required").size());
    assertEquals("A person mentioned in the text", root.path("description").asText());
    assertEquals("Full name, as written", root.path("properties").path("name").path("description").asText());
    assertEquals("[\"POSITIVE\",\"NEUTRAL\",\"NEGATIVE\"]",
        root.path("properties").path("sentiment").path("enum").toString());
  }

  @Test
  void listOfRecordsIsWrappedInAnObjectAndUnwrapped() {
    server.enqueue(FakeReply.text("{\"value\":[" + GRACE + "," + GRACE.replace("Grace Hopper", "Ada") + "]}"));
    LlmResponse<List<Contact>> r = LlmExtractor.create(runtime).everyone("memo");
    assertEquals(2, r.value().size());
    assertEquals("Ada", r.value().get(1).name());
  }

  @Test
  void wrongAnswerIsRepairedThenTheFailureCarriesTheViolations() {
    server.enqueue(FakeReply.text(GRACE.replace("POSITIVE", "GLOWING")))
        .enqueue(FakeReply.text(GRACE.replace("POSITIVE", "GLOWING")));
    LlmException e = assertThrows(LlmException.class, () -> LlmExtractor.create(runtime).contact("memo"));
    assertEquals(ErrorCategory.VALIDATION, e.category());
    assertTrue(e.violations().get(0).startsWith("$.sentiment: expected one of"), e.violations().toString());
    assertEquals(2, server.requestCount());
  }

  @Test
  void recordParameterIsRenderedAsJson() throws Exception {
    server.enqueue(FakeReply.text("Hello Grace!"));
    Contact grace = new Contact("Grace Hopper", Optional.of("admiral"), List.of("g@x.example"),
        Contact.Sentiment.POSITIVE);
    assertEquals("Hello Grace!", LlmExtractor.create(runtime).greet(grace));
    String prompt = server.takeRequest().json().path("messages").path(1).path("content").asText();
    String json = prompt.substring(prompt.indexOf('{'));
    JsonNode rendered = new ObjectMapper().readTree(json);
    assertEquals("Grace Hopper", rendered.path("name").asText());
    assertEquals("admiral", rendered.path("role").asText());
    assertEquals("POSITIVE", rendered.path("sentiment").asText());
  }
}
