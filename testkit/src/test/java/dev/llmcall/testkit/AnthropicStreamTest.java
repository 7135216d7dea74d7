package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Anthropic Messages streams: named events from {@code message_start} to {@code message_stop}. */
@Timeout(10)
class AnthropicStreamTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fullSequenceInOrderWithAPing() throws Exception {
    server.enqueue(FakeReply.stream("Hello", " there").usage(11, 2));

    List<SseReader.Event> events;
    String request = Http.streamChat("claude-sonnet-4-5", "Hi", false);
    try (SseReader sse = SseReader.post(Http.messages(server), request)) {
      assertEquals(200, sse.response().statusCode());
      assertEquals("text/event-stream", sse.response().headers().firstValue("content-type").orElseThrow());
      assertEquals("no-cache", sse.response().headers().firstValue("cache-control").orElseThrow());
      assertEquals("req_fake_1", sse.response().headers().firstValue("request-id").orElseThrow());
      events = sse.rest();
    }

    assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names(events));
    for (SseReader.Event event : events) {
      assertEquals(event.name(), event.json().get("type").asText());
    }
    JsonNode message = events.get(0).json().get("message");
    assertEquals("msg_req_fake_1", message.get("id").asText());
    assertEquals("message", message.get("type").asText());
    assertEquals("assistant", message.get("role").asText());
    assertEquals("claude-sonnet-4-5", message.get("model").asText());
    assertEquals(0, message.get("content").size());
    assertTrue(message.get("stop_reason").isNull());
    assertEquals(11, message.at("/usage/input_tokens").asInt());
    JsonNode blockStart = events.get(1).json();
    assertEquals(0, blockStart.get("index").asInt());
    assertEquals("text", blockStart.at("/content_block/type").asText());
    assertEquals("", blockStart.at("/content_block/text").asText());
    assertEquals("Hello there", textOf(events));
    assertEquals("text_delta", events.get(3).json().at("/delta/type").asText());
    assertEquals(0, events.get(5).json().get("index").asInt());
    JsonNode messageDelta = events.get(6).json();
    assertEquals("end_turn", messageDelta.at("/delta/stop_reason").asText());
    assertEquals(2, messageDelta.at("/usage/output_tokens").asInt());
    assertEquals(1, server.completedStreams());
    assertEquals(0, server.activeStreams());
  }

  @Test
  void aRefusalStreamsTheRefusalTextAndStopsWithRefusal() throws Exception {
    server.enqueue(FakeReply.stream("ignored").refusal("I can't help."));

    List<SseReader.Event> events = events(Http.streamChat("claude", "Hi", false));

    assertEquals("I can't help.", textOf(events));
    assertEquals("refusal", events.get(events.size() - 2).json().at("/delta/stop_reason").asText());
  }

  @Test
  void aScriptedTextReplyStreamsWordByWordWithItsStopReason() throws Exception {
    server.enqueue(FakeReply.text("One two three").finishReason("max_tokens").model("claude-x"));

    List<SseReader.Event> events = events(Http.streamChat("claude", "Hi", false));

    List<String> pieces = events.stream().filter(e -> e.name().equals("content_block_delta"))
        .map(e -> e.json().at("/delta/text").asText()).collect(Collectors.toList());
    assertEquals(List.of("One ", "two ", "three"), pieces);
    assertEquals("claude-x", events.get(0).json().at("/message/model").asText());
    assertEquals("max_tokens", events.get(events.size() - 2).json().at("/delta/stop_reason").asText());
    assertEquals(3, events.get(events.size() - 2).json().at("/usage/output_tokens").asInt());
  }

  @Test
  void errorAfterCountsThePingAndSendsAnErrorEventInsteadOfTheRest() throws Exception {
    server.enqueue(FakeReply.stream("a", "b").errorAfter(3, "overloaded_error", "Overloaded"));

    List<SseReader.Event> events = events(Http.streamChat("claude", "Hi", false));

    assertEquals(List.of("message_start", "content_block_start", "ping", "error"), names(events));
    JsonNode error = events.get(3).json();
    assertEquals("error", error.get("type").asText());
    assertEquals("overloaded_error", error.at("/error/type").asText());
    assertEquals("Overloaded", error.at("/error/message").asText());
  }

  @Test
  void aScriptedOverloadIsServedAsAPlain529BeforeAnyEvent() throws Exception {
    server.enqueue(FakeReply.status(529));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.streamChat("claude", "Hi", false));

    assertEquals(529, response.statusCode());
    assertEquals("overloaded_error", Http.json(response).at("/error/type").asText());
    assertFalse(response.body().contains("event:"));
  }

  @Test
  void eventIdsNumberEveryEventFromOne() throws Exception {
    server.enqueue(FakeReply.stream("a").eventIds(true));

    List<SseReader.Event> events = events(Http.streamChat("claude", "Hi", false));

    assertEquals(7, events.size());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(String.valueOf(i + 1), events.get(i).id());
    }
  }

  private List<SseReader.Event> events(String request) throws Exception {
    try (SseReader sse = SseReader.post(Http.messages(server), request)) {
      return sse.rest();
    }
  }

  private static List<String> names(List<SseReader.Event> events) {
    return events.stream().map(SseReader.Event::name).collect(Collectors.toList());
  }

  private static String textOf(List<SseReader.Event> events) {
    return events.stream().filter(e -> e.name().equals("content_block_delta"))
        .map(e -> e.json().at("/delta/text").asText()).collect(Collectors.joining());
  }
}
