package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scripted tool calls on each wire, whole and streamed, and what a request sent back (#12). */
class ToolCallReplyTest {
  private static final String PARIS = "{\"city\":\"Paris\"}";

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void openAiToolCallsAreTheMessagesToolCalls() throws Exception {
    server.enqueue(FakeReply.toolCalls(new ToolCall("call_a", "forecast", PARIS),
        new ToolCall("call_b", "time", "{}")));
    JsonNode choice = Http.json(Http.post(Http.chatCompletions(server), Http.chat("m", "Hi")))
        .path("choices").path(0);
    assertTrue(choice.at("/message/content").isNull());
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    JsonNode calls = choice.at("/message/tool_calls");
    assertEquals("call_a", calls.path(0).path("id").asText());
    assertEquals("function", calls.path(0).path("type").asText());
    assertEquals("forecast", calls.path(0).at("/function/name").asText());
    assertEquals(PARIS, calls.path(0).at("/function/arguments").asText());
    assertEquals("time", calls.path(1).at("/function/name").asText());
  }

  @Test
  void anthropicToolCallsAreToolUseBlocksAfterTheText() throws Exception {
    server.enqueue(FakeReply.text("Checking.").withToolCall("toolu_1", "forecast", PARIS));
    JsonNode body = Http.json(Http.post(Http.messages(server), Http.chat("m", "Hi")));
    assertEquals("tool_use", body.path("stop_reason").asText());
    JsonNode content = body.path("content");
    assertEquals("text", content.path(0).path("type").asText());
    assertEquals("Checking.", content.path(0).path("text").asText());
    assertEquals("tool_use", content.path(1).path("type").asText());
    assertEquals("toolu_1", content.path(1).path("id").asText());
    assertEquals(PARIS, content.path(1).path("input").toString());

    server.enqueue(FakeReply.toolCall("toolu_2", "forecast", PARIS));
    JsonNode alone = Http.json(Http.post(Http.messages(server), Http.chat("m", "Hi"))).path("content");
    assertEquals(1, alone.size(), "no empty text block");
    assertEquals("tool_use", alone.path(0).path("type").asText());
  }

  @Test
  void openAiStreamsACallsIdAndNameFirstThenItsArgumentsInPieces() throws Exception {
    server.enqueue(FakeReply.stream("Let me see. ").withToolCall("call_a", "forecast", PARIS));
    List<JsonNode> deltas = new ArrayList<>();
    String finish = null;
    try (SseReader sse = SseReader.post(Http.chatCompletions(server), Http.streamChat("m", "Hi", false))) {
      for (SseReader.Event e : sse.rest()) {
        if (!e.data().equals("[DONE]")) {
          JsonNode choice = e.json().path("choices").path(0);
          deltas.add(choice.path("delta"));
          finish = choice.path("finish_reason").isNull() ? finish : choice.path("finish_reason").asText();
        }
      }
    }
    assertEquals("tool_calls", finish);
    StringBuilder arguments = new StringBuilder();
    int fragments = 0;
    for (JsonNode delta : deltas) {
      JsonNode call = delta.path("tool_calls").path(0);
      if (call.isMissingNode()) {
        continue;
      }
      assertEquals(0, call.path("index").asInt());
      if (fragments++ == 0) {
        assertEquals("call_a", call.path("id").asText());
        assertEquals("forecast", call.at("/function/name").asText());
      }
      arguments.append(call.at("/function/arguments").asText());
    }
    assertEquals(3, fragments, "the head, then the arguments in two pieces");
    assertEquals(PARIS, arguments.toString());
  }

  @Test
  void anthropicStreamsAToolUseBlockAndItsInputInPieces() throws Exception {
    server.enqueue(FakeReply.toolCall("toolu_1", "forecast", PARIS));
    List<SseReader.Event> events;
    try (SseReader sse = SseReader.post(Http.messages(server), Http.streamChat("m", "Hi", false))) {
      events = sse.rest();
    }
    assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop"),
        events.stream().map(SseReader.Event::name).toList());
    JsonNode block = events.get(2).json().path("content_block");
    assertEquals("tool_use", block.path("type").asText());
    assertEquals("toolu_1", block.path("id").asText());
    assertEquals("forecast", block.path("name").asText());
    assertEquals(PARIS, events.get(3).json().at("/delta/partial_json").asText()
        + events.get(4).json().at("/delta/partial_json").asText());
    assertEquals("tool_use", events.get(6).json().at("/delta/stop_reason").asText());
  }

  @Test
  void aToolCallFitsOnlyASuccessOrAStream() {
    assertThrows(IllegalStateException.class,
        () -> FakeReply.status(500).withToolCall("c", "forecast", "{}"));
  }

  @Test
  void aRequestSaysWhatItSentOnEitherWire() {
    RecordedRequest openAi = new RecordedRequest("POST", "/v1/chat/completions", Map.of(),
        "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"forecast\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Umbrella?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"forecast\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"rain\"}]}");
    assertEquals(List.of("forecast"), openAi.tools());
    assertEquals(List.of(new ToolCall("c1", "forecast", "{}")), openAi.toolCalls());
    assertEquals(List.of(new RecordedRequest.ToolResult("c1", "rain", false)), openAi.toolResults());
    assertEquals(List.of(new RecordedRequest.Message("user", "Umbrella?"),
        new RecordedRequest.Message("assistant", ""), new RecordedRequest.Message("tool", "rain")),
        openAi.messages());

    RecordedRequest anthropic = new RecordedRequest("POST", "/v1/messages", Map.of(),
        "{\"model\":\"m\",\"tools\":[{\"name\":\"forecast\"}],\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Umbrella?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
            + "\"name\":\"forecast\",\"input\":{}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
            + "\"content\":\"no such city\",\"is_error\":true}]}]}");
    assertEquals(List.of("forecast"), anthropic.tools());
    assertEquals(List.of(new ToolCall("t1", "forecast", "{}")), anthropic.toolCalls());
    assertEquals(List.of(new RecordedRequest.ToolResult("t1", "no such city", true)),
        anthropic.toolResults());
    assertEquals(3, anthropic.messages().size());
  }
}
