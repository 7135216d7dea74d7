package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OpenAI Chat Completions streams: {@code chat.completion.chunk} events and {@code data: [DONE]}. */
@Timeout(10)
class OpenAiStreamTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fullSequenceWithAUsageChunkWhenIncludeUsageWasAsked() throws Exception {
    server.enqueue(FakeReply.stream("Hel", "lo", " world").usage(7, 3));

    List<SseReader.Event> events;
    String request = Http.streamChat("gpt-4o", "Hi", true);
    try (SseReader sse = SseReader.post(Http.chatCompletions(server), request)) {
      assertEquals(200, sse.response().statusCode());
      assertEquals("text/event-stream", sse.response().headers().firstValue("content-type").orElseThrow());
      assertEquals("no-cache", sse.response().headers().firstValue("cache-control").orElseThrow());
      assertEquals("chunked", sse.response().headers().firstValue("transfer-encoding").orElseThrow());
      assertEquals("req_fake_1", sse.response().headers().firstValue("x-request-id").orElseThrow());
      events = sse.rest();
    }

    assertEquals(1 + 3 + 1 + 1 + 1, events.size());
    assertEquals("[DONE]", events.get(events.size() - 1).data());
    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
        .map(SseReader.Event::json).collect(Collectors.toList());
    long created = chunks.get(0).get("created").asLong();
    for (JsonNode chunk : chunks) {
      assertEquals("chatcmpl-req_fake_1", chunk.get("id").asText());
      assertEquals("chat.completion.chunk", chunk.get("object").asText());
      assertEquals(created, chunk.get("created").asLong());
      assertEquals("gpt-4o", chunk.get("model").asText());
    }
    assertTrue(events.stream().allMatch(e -> e.name() == null && e.id() == null));
    JsonNode first = chunks.get(0).at("/choices/0");
    assertEquals("assistant", first.at("/delta/role").asText());
    assertEquals("", first.at("/delta/content").asText());
    assertTrue(first.get("finish_reason").isNull());
    assertEquals("Hello world", contentOf(chunks));
    JsonNode finish = chunks.get(4).at("/choices/0");
    assertEquals(0, finish.get("delta").size());
    assertEquals("stop", finish.get("finish_reason").asText());
    assertTrue(chunks.get(4).get("usage").isNull());
    JsonNode usageChunk = chunks.get(5);
    assertEquals(0, usageChunk.get("choices").size());
    assertEquals(7, usageChunk.at("/usage/prompt_tokens").asInt());
    assertEquals(3, usageChunk.at("/usage/completion_tokens").asInt());
    assertEquals(10, usageChunk.at("/usage/total_tokens").asInt());
    assertEquals(1, server.completedStreams());
    assertEquals(0, server.activeStreams());
    assertEquals(0, server.abandonedStreams());
  }

  @Test
  void noUsageChunkWithoutIncludeUsageAndTheFinishReasonAndModelCanBeSet() throws Exception {
    server.enqueue(FakeReply.stream("cut").finishReason("length").model("gpt-other").requestId("abc"));

    List<SseReader.Event> events;
    String request = Http.streamChat("gpt-4o", "Hi", false);
    try (SseReader sse = SseReader.post(Http.chatCompletions(server), request)) {
      assertEquals("abc", sse.response().headers().firstValue("x-request-id").orElseThrow());
      events = sse.rest();
    }

    assertEquals(4, events.size());
    assertEquals("[DONE]", events.get(3).data());
    JsonNode finish = events.get(2).json();
    assertEquals("length", finish.at("/choices/0/finish_reason").asText());
    assertEquals("gpt-other", finish.get("model").asText());
    assertEquals("chatcmpl-abc", finish.get("id").asText());
    for (SseReader.Event event : events.subList(0, 3)) {
      assertFalse(event.json().has("usage"), event.data());
    }
  }

  @Test
  void aRefusalStreamsRefusalDeltasInsteadOfContent() throws Exception {
    server.enqueue(FakeReply.stream("ignored").refusal("I can't help with that."));

    List<JsonNode> chunks = chunks(Http.streamChat("gpt-4o", "Hi", false));

    assertTrue(chunks.get(0).at("/choices/0/delta/content").isNull());
    assertEquals("", chunks.get(0).at("/choices/0/delta/refusal").asText());
    StringBuilder refusal = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
      JsonNode delta = chunk.at("/choices/0/delta");
      assertFalse(delta.has("content"), delta.toString());
      refusal.append(delta.get("refusal").asText());
    }
    assertEquals(List.of("I ", "can't ", "help ", "with ", "that."), chunks.subList(1, 6).stream()
        .map(c -> c.at("/choices/0/delta/refusal").asText()).collect(Collectors.toList()));
    assertEquals("I can't help with that.", refusal.toString());
    assertEquals("stop", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
  }

  @Test
  void aStreamRequestWithNothingScriptedGetsTheDefaultReplyWordByWord() throws Exception {
    List<JsonNode> chunks = chunks(Http.streamChat("gpt-4o", "What is up?", true));

    List<String> pieces = chunks.subList(1, chunks.size() - 2).stream()
        .map(c -> c.at("/choices/0/delta/content").asText()).collect(Collectors.toList());
    assertEquals(List.of("This ", "is ", "llmcall's ", "fake ", "provider. ", "You ", "asked: ",
        "What ", "is ", "up?"), pieces);
    assertEquals(10, chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asInt());
  }

  @Test
  void aScriptedTextReplyIsStreamedWhenTheRequestAsksForAStream() throws Exception {
    server.enqueue(FakeReply.text("Paris is  nice").finishReason("length"));

    List<JsonNode> chunks = chunks(Http.streamChat("gpt-4o", "Hi", false));

    assertEquals(List.of("Paris ", "is  ", "nice"), List.of(
        chunks.get(1).at("/choices/0/delta/content").asText(),
        chunks.get(2).at("/choices/0/delta/content").asText(),
        chunks.get(3).at("/choices/0/delta/content").asText()));
    assertEquals("length", chunks.get(4).at("/choices/0/finish_reason").asText());
  }

  @Test
  void errorAfterSendsAnInBandErrorChunkAndEndsWithoutDone() throws Exception {
    server.enqueue(FakeReply.stream("a", "b", "c").errorAfter(2, "server_error", "The server broke."));

    List<SseReader.Event> events;
    try (SseReader sse = SseReader.post(Http.chatCompletions(server), Http.streamChat("m", "Hi", true))) {
      events = sse.rest(); // ends cleanly: the error is in-band
    }

    assertEquals(3, events.size());
    assertEquals("a", events.get(1).json().at("/choices/0/delta/content").asText());
    JsonNode error = events.get(2).json().get("error");
    assertEquals("The server broke.", error.get("message").asText());
    assertEquals("server_error", error.get("type").asText());
    assertTrue(error.get("code").isNull());
    assertNull(events.get(2).name());
    assertEquals(1, server.completedStreams());
  }

  @Test
  void aScriptedHttpErrorIsServedPlainToAStreamRequest() throws Exception {
    server.enqueue(FakeReply.status(429).header("retry-after", "1"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.streamChat("m", "Hi", true));

    assertEquals(429, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
    assertEquals("rate_limit_exceeded", Http.json(response).at("/error/code").asText());
    assertEquals(0, server.completedStreams());
  }

  @Test
  void aTextReplyWithARawBodyIsServedVerbatimToAStreamRequest() throws Exception {
    server.enqueue(FakeReply.text("x").body("data: not json\n\n").contentType("text/event-stream"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.streamChat("m", "Hi", true));

    assertEquals("data: not json\n\n", response.body());
    assertTrue(response.headers().firstValue("content-length").isPresent());
  }

  private List<JsonNode> chunks(String request) throws Exception {
    try (SseReader sse = SseReader.post(Http.chatCompletions(server), request)) {
      List<SseReader.Event> events = sse.rest();
      assertEquals("[DONE]", events.get(events.size() - 1).data());
      return events.subList(0, events.size() - 1).stream()
          .map(SseReader.Event::json).collect(Collectors.toList());
    }
  }

  private static String contentOf(List<JsonNode> chunks) {
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks) {
      text.append(chunk.at("/choices/0/delta/content").asText(""));
    }
    return text.toString();
  }
}
