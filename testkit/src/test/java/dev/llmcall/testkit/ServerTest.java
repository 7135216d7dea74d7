package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, connection behaviour, concurrency and shutdown. */
class ServerTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void baseUrlsPointAtTheEphemeralLoopbackPort() {
    try (FakeLlmServer other = FakeLlmServer.start()) {
      assertTrue(server.port() > 0);
      assertNotEquals(server.port(), other.port());
      assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/v1"), server.openAiBaseUrl());
      assertEquals(URI.create("http://127.0.0.1:" + server.port()), server.anthropicBaseUrl());
    }
  }

  @Test
  void unknownPathGets404WithAnOpenAiErrorAndKeepsTheScript() throws Exception {
    server.enqueue(FakeReply.text("kept"));

    HttpResponse<String> response =
        Http.post(URI.create(server.anthropicBaseUrl() + "/v1/completions"), Http.chat("m", "Hi"));

    assertEquals(404, response.statusCode());
    JsonNode error = Http.json(response).get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    assertEquals("unknown_url", error.get("code").asText());
    assertTrue(error.get("message").asText().contains("/v1/completions"));
    assertEquals(1, server.pendingReplies());
    assertEquals(1, server.requestCount());
  }

  @Test
  void wrongMethodOnAnEndpointGets405InItsFormat() throws Exception {
    HttpResponse<String> response = Http.send("GET", Http.messages(server), null);

    assertEquals(405, response.statusCode());
    JsonNode body = Http.json(response);
    assertEquals("error", body.get("type").asText());
    assertEquals("method_not_allowed", body.at("/error/type").asText());
  }

  @Test
  void dropConnectionMakesTheClientFailWithIOException() throws Exception {
    server.enqueue(FakeReply.dropConnection()).enqueue(FakeReply.text("after"));

    assertThrows(IOException.class,
        () -> Http.post(Http.chatCompletions(server), Http.chat("m", "Hi")));

    HttpResponse<String> next = Http.post(Http.chatCompletions(server), Http.chat("m", "again"));
    assertEquals("after", Http.json(next).at("/choices/0/message/content").asText());
    assertEquals(2, server.requestCount());
  }

  @Test
  void delayedReplyArrivesAfterTheDelay() throws Exception {
    server.enqueue(FakeReply.text("slow").delay(Duration.ofMillis(200)));

    long start = System.nanoTime();
    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals("slow", Http.json(response).at("/content/0/text").asText());
    assertTrue(elapsedMillis >= 200, "took " + elapsedMillis + " ms");
  }

  @Test
  void aDelayedReplyDoesNotHoldUpOthersAndCloseEndsIt() throws Exception {
    server.enqueue(FakeReply.text("never").delay(Duration.ofSeconds(30)));
    CompletableFuture<HttpResponse<String>> stalled =
        Http.postAsync(Http.chatCompletions(server), Http.chat("m", "slow"));
    server.takeRequest(); // the stalled request has taken the delayed reply

    HttpResponse<String> quick = Http.post(Http.chatCompletions(server), Http.chat("m", "fast"));

    assertEquals(200, quick.statusCode());
    assertFalse(stalled.isDone());
    long start = System.nanoTime();
    server.close();
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "close was slow");
    ExecutionException e = assertThrows(ExecutionException.class, () -> stalled.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
  }

  @Test
  void sixteenParallelRequestsAreAllAnswered() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      futures.add(Http.postAsync(i % 2 == 0 ? Http.chatCompletions(server) : Http.messages(server),
          Http.chat("m", "question " + i)));
    }

    Set<String> ids = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> future : futures) {
      HttpResponse<String> response = future.get(20, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      ids.add(Http.json(response).get("id").asText());
    }
    assertEquals(16, ids.size());
    assertEquals(16, server.requestCount());
  }

  @Test
  void closeStopsTheServerAndItsThreads() throws Exception {
    int port = server.port();
    Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    server.close();
    server.close(); // idempotent

    assertThrows(IOException.class, () -> Http.post(Http.chatCompletions(server), Http.chat("m", "Hi")));
    String prefix = "llmcall-fake-llm-" + port + "-";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (liveThreads(prefix) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, liveThreads(prefix));
  }

  private static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .count();
  }

  @Test
  void clearRequestsForgetsThemButRequestIdsKeepCounting() throws Exception {
    Http.post(Http.chatCompletions(server), Http.chat("m", "one"));
    server.clearRequests();
    assertEquals(0, server.requestCount());
    HttpResponse<String> second = Http.post(Http.chatCompletions(server), Http.chat("m", "two"));
    assertEquals(1, server.requestCount());
    assertEquals("req_fake_2", second.headers().firstValue("x-request-id").orElseThrow());
  }
}
