package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ThinkingBlock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scripted reasoning and thinking blocks, as each wire sends them, whole and streamed (#12). */
@Timeout(10)
class ReasoningReplyTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private List<SseReader.Event> stream(boolean anthropic) throws Exception {
    String request = Http.streamChat("m", "Hi", false);
    try (SseReader sse = SseReader.post(
        anthropic ? Http.messages(server) : Http.chatCompletions(server), request)) {
      return sse.rest();
    }
  }

  @Test
  void openAiReasoningContentBesideTheText() throws Exception {
    server.enqueue(FakeReply.text("4").reasoning("2 and 2 ", "make 4."));
    JsonNode message = Http.json(Http.post(Http.chatCompletions(server), Http.chat("m", "2+2?")))
        .at("/choices/0/message");
    assertEquals("4", message.get("content").asText());
    assertEquals("2 and 2 make 4.", message.get("reasoning_content").asText());
  }

  @Test
  void anthropicThinkingBlocksExactlyBeforeTheText() throws Exception {
    server.enqueue(FakeReply.text("Paris.").thinking(
        ThinkingBlock.of("The capital.", "sig-1"), ThinkingBlock.redacted("EncRypTed==")));
    JsonNode content = Http.json(Http.post(Http.messages(server), Http.chat("m", "Capital?")))
        .get("content");
    assertEquals(3, content.size());
    assertEquals("thinking", content.at("/0/type").asText());
    assertEquals("The capital.", content.at("/0/thinking").asText());
    assertEquals("sig-1", content.at("/0/signature").asText());
    assertEquals("redacted_thinking", content.at("/1/type").asText());
    assertEquals("EncRypTed==", content.at("/1/data").asText());
    assertEquals("Paris.", content.at("/2/text").asText());
  }

  @Test
  void reasoningPiecesAreOneSignedBlockOnAnthropic() throws Exception {
    server.enqueue(FakeReply.text("x").reasoning("Hmm."));
    JsonNode content = Http.json(Http.post(Http.messages(server), Http.chat("m", "?"))).get("content");
    assertEquals("Hmm.", content.at("/0/thinking").asText());
    assertEquals(ScriptedReasoning.SIGNATURE, content.at("/0/signature").asText());
  }

  @Test
  void openAiStreamSendsReasoningChunksBeforeTheText() throws Exception {
    server.enqueue(FakeReply.stream("Par", "is").reasoning("Let me ", "think."));
    List<SseReader.Event> events = stream(false);
    String reasoning = events.stream().map(e -> e.data().equals("[DONE]") ? ""
        : e.json().at("/choices/0/delta/reasoning_content").asText("")).collect(Collectors.joining());
    assertEquals("Let me think.", reasoning);
    assertEquals("Let me ", events.get(1).json().at("/choices/0/delta/reasoning_content").asText());
    assertEquals("Par", events.get(3).json().at("/choices/0/delta/content").asText());
    assertFalse(events.get(1).json().at("/choices/0/delta").has("content"));
  }

  @Test
  void anthropicStreamSendsEachBlockThenTheTextBlockAfterThem() throws Exception {
    server.enqueue(FakeReply.stream("Paris.").thinking(
        ThinkingBlock.of("Facts first.", "sig-1"), ThinkingBlock.redacted("EncRypTed==")));
    List<SseReader.Event> events = stream(true);
    assertEquals(List.of("message_start",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_stop", "content_block_start", "content_block_stop",
        "content_block_start", "ping", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop"),
        events.stream().map(SseReader.Event::name).collect(Collectors.toList()));
    assertEquals("thinking", events.get(1).json().at("/content_block/type").asText());
    assertEquals("Facts ", events.get(2).json().at("/delta/thinking").asText());
    assertEquals("first.", events.get(3).json().at("/delta/thinking").asText());
    assertEquals("signature_delta", events.get(4).json().at("/delta/type").asText());
    assertEquals("sig-1", events.get(4).json().at("/delta/signature").asText());
    assertEquals(1, events.get(6).json().get("index").asInt());
    assertEquals("EncRypTed==", events.get(6).json().at("/content_block/data").asText());
    assertEquals(2, events.get(8).json().get("index").asInt(), "the text block follows the thinking");
    assertEquals(2, events.get(10).json().get("index").asInt());
  }

  @Test
  void oneOfReasoningAndThinkingOnSuccessesAndStreamsOnly() {
    assertThrows(IllegalStateException.class,
        () -> FakeReply.text("x").reasoning("a").thinking(ThinkingBlock.of("b", "s")));
    assertThrows(IllegalStateException.class, () -> FakeReply.status(500).reasoning("a"));
  }
}
