package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.ThinkingBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a model says beside its answer, on both wires, whole and streamed: reasoning text apart
 * from the text, Anthropic's thinking blocks kept exactly, in order (#12).
 */
class ReasoningAssemblerTest {
  private static final ProviderWire OPENAI = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT);
  private static final ProviderWire ANTHROPIC = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES);

  private static Completion decode(ProviderWire wire, String json) {
    return assertInstanceOf(ProviderWire.Decoded.Success.class,
        wire.decode(json.getBytes(StandardCharsets.UTF_8))).completion();
  }

  private static String openAiMessage(String message) {
    return "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":" + message
        + ",\"finish_reason\":\"stop\"}]}";
  }

  private static String openAiChunk(String delta) {
    return "{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}";
  }

  /** Applies one event; the text it returned and the reasoning it carried go to the lists. */
  private static void apply(StreamAssembler a, String type, String data, List<String> text,
      List<String> reasoning) {
    String t = a.onEvent(type, data);
    if (t != null) {
      text.add(t);
    }
    String r = a.takeReasoning();
    if (r != null) {
      reasoning.add(r);
    }
  }

  @Test
  void openAiCompatibleReasoningContentIsReasoningNotText() {
    Completion c = decode(OPENAI, openAiMessage("{\"role\":\"assistant\",\"content\":\"4\","
        + "\"reasoning_content\":\"2 and 2 make 4.\"}"));
    assertEquals("4", c.text());
    assertEquals("2 and 2 make 4.", c.reasoning());
    assertEquals(ChatMessage.assistant("4"), c.message(), "OpenAI-compatible reasoning is not sent back");
  }

  @Test
  void reasoningAsNewerServersNameItAndOnceWhenBothNamesCome() {
    assertEquals("vLLM thinks", decode(OPENAI, openAiMessage(
        "{\"content\":\"a\",\"reasoning\":\"vLLM thinks\"}")).reasoning());
    assertEquals("same", decode(OPENAI, openAiMessage(
        "{\"content\":\"a\",\"reasoning\":\"same\",\"reasoning_content\":\"same\","
            + "\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"same\"}]}")).reasoning(),
        "OpenRouter sends the text under both names: it counts once");
    assertNull(decode(OPENAI, openAiMessage("{\"content\":\"a\",\"reasoning_content\":\"\"}")).reasoning());
    assertNull(decode(OPENAI, openAiMessage("{\"content\":\"a\",\"reasoning\":null}")).reasoning());
    assertNull(decode(OPENAI, openAiMessage("{\"content\":\"a\"}")).reasoning(),
        "OpenAI's own chat completions send no reasoning text");
  }

  @Test
  void openAiStreamHandsReasoningOutApartFromText() {
    StreamAssembler a = OPENAI.newStreamAssembler();
    List<String> text = new ArrayList<>();
    List<String> reasoning = new ArrayList<>();
    apply(a, "message", openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}"), text, reasoning);
    apply(a, "message", openAiChunk("{\"reasoning_content\":\"Let me \"}"), text, reasoning);
    apply(a, "message", openAiChunk("{\"reasoning\":\"think.\",\"content\":null}"), text, reasoning);
    assertTrue(a.content(), "reasoning is content");
    apply(a, "message", openAiChunk("{\"content\":\"Paris\"}"), text, reasoning);
    apply(a, "message", "[DONE]", text, reasoning);
    assertEquals(List.of("Paris"), text);
    assertEquals(List.of("Let me ", "think."), reasoning);
    Completion c = a.completion("Paris");
    assertEquals("Let me think.", c.reasoning());
    assertEquals(List.of(), c.thinking());
    assertNull(a.takeReasoning(), "each piece is handed out once");
  }

  @Test
  void anthropicThinkingBlocksSignedAndRedactedInOrderAndTheirTextJoined() {
    Completion c = decode(ANTHROPIC, "{\"model\":\"claude\",\"content\":["
        + "{\"type\":\"thinking\",\"thinking\":\"First, the facts.\",\"signature\":\"sig-1\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"EncRypTed==\"},"
        + "{\"type\":\"thinking\",\"thinking\":\"Then the answer.\",\"signature\":\"sig-2\"},"
        + "{\"type\":\"text\",\"text\":\"Paris.\"}],"
        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}");
    assertEquals("Paris.", c.text());
    List<ThinkingBlock> blocks = List.of(ThinkingBlock.of("First, the facts.", "sig-1"),
        ThinkingBlock.redacted("EncRypTed=="), ThinkingBlock.of("Then the answer.", "sig-2"));
    assertEquals(blocks, c.thinking());
    assertEquals("First, the facts.\n\nThen the answer.", c.reasoning());
    assertEquals(blocks, c.message().thinking(), "the blocks go back with the turn");
  }

  @Test
  void anthropicAnswerWithoutThinkingHasNone() {
    Completion c = decode(ANTHROPIC, "{\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");
    assertNull(c.reasoning());
    assertEquals(List.of(), c.thinking());
  }

  @Test
  void anthropicStreamAssemblesThinkingBlocksExactly() {
    StreamAssembler a = ANTHROPIC.newStreamAssembler();
    List<String> text = new ArrayList<>();
    List<String> reasoning = new ArrayList<>();
    apply(a, "message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude\","
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}", text, reasoning);
    apply(a, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}", text, reasoning);
    assertFalse(a.content(), "an empty thinking block's start is not content yet");
    apply(a, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Facts \"}}", text, reasoning);
    assertTrue(a.content());
    apply(a, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"first.\"}}", text, reasoning);
    apply(a, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}}", text, reasoning);
    apply(a, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}", text, reasoning);
    apply(a, "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EncRypTed==\"}}", text, reasoning);
    apply(a, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}", text, reasoning);
    apply(a, "content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}", text, reasoning);
    apply(a, "content_block_delta", "{\"index\":2,\"type\":\"content_block_delta\","
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Then the answer.\"}}", text, reasoning);
    apply(a, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,"
        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig-2\"}}", text, reasoning);
    apply(a, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}", text, reasoning);
    apply(a, "content_block_start", "{\"type\":\"content_block_start\",\"index\":3,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", text, reasoning);
    apply(a, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":3,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Paris.\"}}", text, reasoning);
    apply(a, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":9}}", text, reasoning);
    apply(a, "message_stop", "{\"type\":\"message_stop\"}", text, reasoning);

    assertEquals(List.of("Paris."), text);
    assertEquals(List.of("Facts ", "first.", "\n\nThen the answer."), reasoning,
        "a blank line between two blocks' text, as in a whole answer's reasoning");
    Completion c = a.completion("Paris.");
    assertEquals(List.of(ThinkingBlock.of("Facts first.", "EqQBCgIYAhIM"),
        ThinkingBlock.redacted("EncRypTed=="), ThinkingBlock.of("Then the answer.", "sig-2")),
        c.thinking());
    assertEquals(String.join("", reasoning), c.reasoning());
    assertEquals(ThinkingBlocks.text(c.thinking()), c.reasoning(),
        "streamed and whole answers join blocks alike");
  }

  @Test
  void aRedactedBlockAloneIsContentWithoutReasoningText() {
    StreamAssembler a = ANTHROPIC.newStreamAssembler();
    a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}}");
    assertTrue(a.content(), "the model's output, though it has no text");
    assertNull(a.takeReasoning());
    assertNull(a.completion("").reasoning());
    assertEquals(List.of(ThinkingBlock.redacted("xyz")), a.completion("").thinking());
  }
}
