package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordedRequestTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void recordsMethodPathHeadersAndBody() throws Exception {
    String body = Http.chat("gpt-4o-mini", "What is 2+2?");
    Http.post(Http.chatCompletions(server), body, "Authorization", "Bearer sk-test", "X-Custom-Thing", "v1");

    RecordedRequest request = server.takeRequest();

    assertEquals("POST", request.method());
    assertEquals("/v1/chat/completions", request.path());
    assertEquals(body, request.body());
    assertEquals("Bearer sk-test", request.header("authorization"));
    assertEquals("Bearer sk-test", request.header("AUTHORIZATION"));
    assertEquals(List.of("v1"), request.headers().get("x-custom-thing"));
    assertTrue(request.headers().keySet().stream().allMatch(k -> k.equals(k.toLowerCase())));
    assertEquals("application/json", request.header("Content-Type"));
    assertNull(request.header("x-not-sent"));
    assertEquals("gpt-4o-mini", request.json().get("model").asText());
    assertEquals("What is 2+2?", request.json().at("/messages/0/content").asText());
  }

  @Test
  void takeRequestReturnsRequestsInArrivalOrderAndRequestsIsASnapshot() throws Exception {
    Http.post(Http.chatCompletions(server), Http.chat("m", "one"));
    Http.post(Http.messages(server), Http.chat("m", "two"));

    List<RecordedRequest> snapshot = server.requests();
    Http.post(Http.messages(server), Http.chat("m", "three"));

    assertEquals(2, snapshot.size());
    assertEquals(3, server.requestCount());
    assertEquals(3, server.requests().size());
    assertEquals("one", server.takeRequest().json().at("/messages/0/content").asText());
    RecordedRequest second = server.takeRequest();
    assertEquals("/v1/messages", second.path());
    assertEquals("two", second.json().at("/messages/0/content").asText());
    assertEquals("three", server.takeRequest().json().at("/messages/0/content").asText());
    assertThrows(UnsupportedOperationException.class, () -> snapshot.add(second));
  }

  @Test
  void takeRequestGivesUpWhenNothingArrives() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> server.takeRequest(Duration.ofMillis(50)));
    assertEquals("no request arrived within 50 ms", e.getMessage());
  }

  @Test
  void pathKeepsTheQueryAndUnknownPathsAreRecordedToo() throws Exception {
    Http.post(URI.create(server.openAiBaseUrl() + "/chat/completions?api-version=2024-10-21"),
        Http.chat("m", "Hi"));
    Http.send("GET", URI.create(server.anthropicBaseUrl() + "/v1/models"), null);

    assertEquals("/v1/chat/completions?api-version=2024-10-21", server.takeRequest().path());
    RecordedRequest unknown = server.takeRequest();
    assertEquals("GET", unknown.method());
    assertEquals("/v1/models", unknown.path());
    assertEquals("", unknown.body());
  }

  @Test
  void jsonOfABodyThatIsNotJsonThrows() {
    RecordedRequest request = new RecordedRequest("POST", "/v1/messages", Map.of(), "{oops");

    assertThrows(UncheckedIOException.class, request::json);
    assertTrue(new RecordedRequest("GET", "/", Map.of(), "").json().isMissingNode());
  }

  @Test
  void constructorLowerCasesMergesAndCopiesHeaders() {
    List<String> values = new ArrayList<>(List.of("a"));
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("X-Trace", values);
    headers.put("Accept", List.of("application/json"));

    RecordedRequest request = new RecordedRequest("POST", "/", headers, "");
    values.add("b");
    headers.put("X-Later", List.of("c"));

    assertEquals(Map.of("x-trace", List.of("a"), "accept", List.of("application/json")),
        request.headers());
    assertThrows(UnsupportedOperationException.class, () -> request.headers().put("x", List.of()));
    assertThrows(UnsupportedOperationException.class,
        () -> request.headers().get("x-trace").add("z"));
    Map<String, List<String>> clashing = new java.util.LinkedHashMap<>();
    clashing.put("X-Dup", List.of("1"));
    clashing.put("x-dup", List.of("2"));
    assertEquals(List.of("1", "2"), new RecordedRequest("GET", "/", clashing, "").headers().get("x-dup"));
  }
}
