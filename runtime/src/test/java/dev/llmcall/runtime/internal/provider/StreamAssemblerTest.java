package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Usage;
import org.junit.jupiter.api.Test;

/** Each provider's events into text, a finish, usage, failures and the tool-call flag. */
class StreamAssemblerTest {
  private static final String OPENAI_ENVELOPE = "{\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
      + "\"delta\":%s,\"finish_reason\":%s}]}";

  private static String openAiChunk(String delta, String finish) {
    return String.format(OPENAI_ENVELOPE, delta, finish == null ? "null" : "\"" + finish + "\"");
  }

  @Test
  void openAiTextFinishUsageAndDone() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    assertNull(a.onEvent("message", openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
    assertEquals("Hel", a.onEvent("message", openAiChunk("{\"content\":\"Hel\"}", null)));
    assertEquals("lo", a.onEvent("message", openAiChunk("{\"content\":\"lo\"}", null)));
    assertNull(a.onEvent("message", openAiChunk("{}", "length")));
    assertNull(a.onEvent("message", "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}"));
    assertFalse(a.done());
    a.onEvent("message", "[DONE]");
    assertTrue(a.done());
    Completion c = a.completion("Hello");
    assertNull(c.refusal());
    assertFalse(c.filtered());
    assertEquals(FinishReason.LENGTH, c.finishReason());
    assertEquals(new Usage(9, 2), c.usage());
    assertEquals("gpt-4o-mini", c.model());
  }

  @Test
  void openAiErrorChunkIsAnInBandFailure() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    StreamAssembler.StreamFailure f = assertThrows(StreamAssembler.StreamFailure.class, () ->
        a.onEvent("message", "{\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_exceeded\"}}"));
    assertEquals(ErrorCategory.RATE_LIMIT, f.classification().category());
  }

  @Test
  void openAiRefusalEndsAsContentFilter() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    assertNull(a.onEvent("message", openAiChunk("{\"refusal\":\"I can't \"}", null)));
    a.onEvent("message", openAiChunk("{\"refusal\":\"help.\"}", "stop"));
    a.onEvent("message", "[DONE]");
    assertTrue(a.content(), "a refusal is content");
    Completion c = a.completion("");
    assertEquals("I can't help.", c.refusal());
    assertEquals(FinishReason.STOP, c.finishReason(), "an OpenAI refusal arrives with stop");
    assertTrue(c.filtered());
  }

  @Test
  void openAiFinishReasonWithoutDoneIsFinishedAndPingsAreNotContent() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    a.onEvent("message", openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
    assertFalse(a.content(), "an empty first delta is not content");
    assertFalse(a.finished());
    a.onEvent("message", openAiChunk("{\"content\":\"Hi\"}", null));
    assertTrue(a.content());
    a.onEvent("message", openAiChunk("{}", "stop"));
    assertFalse(a.done());
    assertTrue(a.finished(), "every choice finished: complete without [DONE]");
    assertNull(a.usage(), "no usage reported yet");
  }

  @Test
  void reasoningAndToolFragmentsAreContentButNotText() {
    StreamAssembler openAi = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    assertNull(openAi.onEvent("message", openAiChunk("{\"reasoning_content\":\"Let me think\"}", null)));
    assertTrue(openAi.content());
    StreamAssembler anthropic = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    anthropic.onEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"m\","
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
    anthropic.onEvent("ping", "{\"type\":\"ping\"}");
    assertFalse(anthropic.content(), "message_start and pings are not content");
    assertNull(anthropic.onEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}"));
    assertTrue(anthropic.content());
  }

  @Test
  void openAiToolCallIsNoticed() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    a.onEvent("message", openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null));
    assertTrue(a.toolCall());
  }

  @Test
  void openAiFieldsCountInAnyOrderAndOnlyWhereTheyBelong() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    // usage and model after the choices; a second choice, logprobs and a nested "content" are
    // not the text; numbers, nulls and nested arrays in skipped values are passed over.
    assertEquals("real", a.onEvent("message", "{\"choices\":[{\"logprobs\":{\"content\":"
        + "[{\"token\":\"x\",\"logprob\":-0.1,\"bytes\":[120]}]},\"delta\":{\"content\":\"real\","
        + "\"extra\":{\"content\":\"nested\"}},\"finish_reason\":null},{\"delta\":{\"content\":"
        + "\"second\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,"
        + "\"completion_tokens\":1,\"details\":{\"prompt_tokens\":99}},\"model\":\"m-2\"}"));
    assertNull(a.onEvent("message",
        "{\"choices\":[{\"delta\":{\"content\":null},\"finish_reason\":\"stop\"}]}"));
    assertNull(a.onEvent("message", "[1,2]"), "a chunk that is not an object carries nothing");
    a.onEvent("message", "[DONE]");
    Completion c = a.completion("real");
    assertEquals(FinishReason.STOP, c.finishReason());
    assertEquals(new Usage(5, 1), c.usage());
    assertEquals("m-2", c.model());
    assertFalse(a.toolCall());
  }

  @Test
  void openAiErrorAfterTextInTheSameChunkIsStillAFailure() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    assertThrows(StreamAssembler.StreamFailure.class, () -> a.onEvent("message",
        "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"error\":{\"message\":\"boom\"}}"));
  }

  @Test
  void unreadableChunkIsARetryableNetworkFailure() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    StreamAssembler.StreamFailure f =
        assertThrows(StreamAssembler.StreamFailure.class, () -> a.onEvent("message", "{\"choi"));
    assertEquals(ErrorCategory.NETWORK, f.classification().category());
    assertTrue(f.classification().retryable());
  }

  @Test
  void anthropicEventsInOrder() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    a.onEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5\","
        + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}");
    a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    assertNull(a.onEvent("ping", "{\"type\":\"ping\"}"));
    assertEquals("Hi", a.onEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));
    assertNull(a.onEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    assertNull(a.onEvent("some_future_event", "{\"type\":\"some_future_event\"}"));
    a.onEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":15}}");
    assertFalse(a.done());
    a.onEvent("message_stop", "{\"type\":\"message_stop\"}");
    assertTrue(a.done());
    Completion c = a.completion("Hi");
    assertEquals(new Usage(25, 15), c.usage());
    assertEquals(FinishReason.STOP, c.finishReason());
    assertEquals("claude-sonnet-4-5", c.model());
  }

  @Test
  void anthropicOverloadedErrorEventIsRetryableServerError() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    StreamAssembler.StreamFailure f = assertThrows(StreamAssembler.StreamFailure.class, () -> a.onEvent(
        "error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertEquals(ErrorCategory.SERVER_ERROR, f.classification().category());
    assertTrue(f.classification().retryable());
  }

  @Test
  void anthropicToolUseIsNoticed() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"get_weather\",\"input\":{}}}");
    assertTrue(a.toolCall());
    assertNull(a.onEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\"}}"));
  }

  @Test
  void anthropicRefusalStopIsContentFilter() {
    StreamAssembler a = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    a.onEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"}}");
    a.onEvent("message_stop", "{\"type\":\"message_stop\"}");
    assertEquals(FinishReason.CONTENT_FILTER, a.completion("").finishReason());
    assertTrue(a.completion("").filtered());
  }

  @Test
  void usageDetailCachedAndReasoningTokensOnBothWires() { // #12
    StreamAssembler openAi = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT).newStreamAssembler();
    openAi.onEvent("message", openAiChunk("{\"content\":\"x\"}", "stop"));
    openAi.onEvent("message", "{\"choices\":[],\"usage\":{\"prompt_tokens\":100,"
        + "\"completion_tokens\":40,\"prompt_tokens_details\":{\"cached_tokens\":64},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":30}}}");
    assertEquals(new Usage(100, 40, 64, 30), openAi.usage());

    StreamAssembler anthropic = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES).newStreamAssembler();
    anthropic.onEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"m\","
        + "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":500,"
        + "\"cache_creation_input_tokens\":20,\"output_tokens\":1}}}");
    anthropic.onEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + "\"end_turn\"},\"usage\":{\"output_tokens\":7}}");
    // Anthropic reports cache reads and writes beside input_tokens: all are prompt tokens
    assertEquals(new Usage(530, 7, 500, 0), anthropic.usage());
  }

  @Test
  void anAnthropicAnswersCacheTokensArePromptTokens() { // #12
    Completion c = ((ProviderWire.Decoded.Success) ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES)
        .decode(("{\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
            + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":10,\"output_tokens\":3,"
            + "\"cache_read_input_tokens\":200,\"cache_creation_input_tokens\":5}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8))).completion();
    assertEquals(new Usage(215, 3, 200, 0), c.usage());
  }
}
