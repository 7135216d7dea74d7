package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET .../models}: the cheap request a circuit breaker's health check makes. */
class ModelsTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private FakeLlmServer server;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void openAiModelsListByDefault() throws Exception {
    HttpResponse<String> r = get(URI.create(server.openAiBaseUrl() + "/models"));
    assertEquals(200, r.statusCode());
    JsonNode body = Http.MAPPER.readTree(r.body());
    assertEquals("list", body.path("object").asText());
    assertEquals("gpt-4o-mini", body.path("data").path(0).path("id").asText());
    assertEquals("GET", server.takeRequest().method());
  }

  @Test
  void anthropicModelsListWhenTheClientSaysAnthropic() throws Exception {
    HttpResponse<String> r = get(URI.create(server.anthropicBaseUrl() + "/v1/models"),
        "anthropic-version", "2023-06-01");
    JsonNode body = Http.MAPPER.readTree(r.body());
    assertEquals("model", body.path("data").path(0).path("type").asText());
    assertEquals(false, body.path("has_more").asBoolean());
  }

  @Test
  void scriptedErrorAndDropAreServedToProbesInOrder() throws Exception {
    // (A dropped connection is served too, but the JDK client retries an idempotent GET once.)
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(401))
        .enqueue(FakeReply.text("ignored").model("gpt-5"));
    URI models = URI.create(server.openAiBaseUrl() + "/models");
    assertEquals(503, get(models).statusCode());
    assertEquals(401, get(models).statusCode());
    HttpResponse<String> ok = get(models);
    assertEquals("gpt-5", Http.MAPPER.readTree(ok.body()).path("data").path(0).path("id").asText());
  }
}
