package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool calls an answer asks for, whole and streamed, on each wire (#12). */
class ToolCallDecodingTest {
  private static final ProviderWire OPENAI = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT);
  private static final ProviderWire ANTHROPIC = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES);

  private static Completion decode(ProviderWire wire, String body, Prompt asked) {
    return ((ProviderWire.Decoded.Success) wire.decode(body.getBytes(StandardCharsets.UTF_8), asked))
        .completion();
  }

  @Test
  void openAiParallelToolCallsAreDecodedInOrder() {
    Completion c = decode(OPENAI, "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{"
        + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"forecast\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
        + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]},"
        + "\"finish_reason\":\"tool_calls\"}]}", null);
    assertEquals(List.of(new ToolCall("call_a", "forecast", "{\"city\":\"Paris\"}"),
        new ToolCall("call_b", "time", "{}")), c.toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, c.finishReason());
    assertEquals("", c.text());
    assertEquals(c.toolCalls(), c.message().toolCalls());
  }

  @Test
  void openAiStreamedFragmentsAreAssembledByIndexAndNeverText() {
    StreamAssembler a = OPENAI.newStreamAssembler();
    assertEquals("Let me see. ", a.onEvent("message", chunk("{\"content\":\"Let me see. \"}", null)));
    assertNull(a.onEvent("message", chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":"
        + "\"function\",\"function\":{\"name\":\"forecast\",\"arguments\":\"\"}}]}", null)));
    assertNull(a.onEvent("message", chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":"
        + "\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\"}}]}", null)));
    assertNull(a.onEvent("message", chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
        + "\"{\\\"city\\\":\"}}]}", null)));
    assertNull(a.onEvent("message", chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":"
        + "\"\\\":\\\"CET\\\"}\"}}]}", null)));
    assertNull(a.onEvent("message", chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
        + "\"\\\"Paris\\\"}\"}}]}", null)));
    a.onEvent("message", chunk("{}", "tool_calls"));
    a.onEvent("message", "[DONE]");
    assertTrue(a.toolCall());
    Completion c = a.completion("Let me see. ");
    assertEquals(List.of(new ToolCall("call_a", "forecast", "{\"city\":\"Paris\"}"),
        new ToolCall("call_b", "time", "{\"tz\":\"CET\"}")), c.toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, c.finishReason());
  }

  @Test
  void anthropicToolUseBlocksAreToolCallsBesideTheText() {
    Completion c = decode(ANTHROPIC, "{\"model\":\"m\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"Checking.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"forecast\",\"input\":{\"city\":\"Paris\"}},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"time\",\"input\":{}}],"
        + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}", null);
    assertEquals("Checking.", c.text());
    assertEquals(List.of(new ToolCall("toolu_1", "forecast", "{\"city\":\"Paris\"}"),
        new ToolCall("toolu_2", "time", "{}")), c.toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, c.finishReason());
  }

  @Test
  void anthropicsAnswerToolIsTheStructuredAnswerNotAToolCall() {
    Tools tools = Tools.of(List.of(ToolDefinition.of("forecast", "f", "{\"type\":\"object\"}")),
        (name, args, v) -> "sunny");
    Prompt asked = Prompt.of(Request.of(null, "Who?").tools(tools), false,
        StructuredOutput.of("Person", "{\"type\":\"object\"}", (node, path, v) -> node));
    String body = "{\"model\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_9\","
        + "\"name\":\"Person\",\"input\":{\"name\":\"Ada\"}}],\"stop_reason\":\"tool_use\","
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}";
    Completion answer = decode(ANTHROPIC, body, asked);
    assertEquals("{\"name\":\"Ada\"}", answer.text());
    assertEquals(List.of(), answer.toolCalls());

    Completion call = decode(ANTHROPIC, body.replace("\"Person\"", "\"forecast\""), asked);
    assertEquals(List.of(new ToolCall("toolu_9", "forecast", "{\"name\":\"Ada\"}")), call.toolCalls());
  }

  @Test
  void anthropicStreamedInputIsAssembledAndNeverText() {
    StreamAssembler a = ANTHROPIC.newStreamAssembler();
    a.onEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"m\","
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
    a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    assertEquals("On it.", a.onEvent("content_block_delta", "{\"type\":\"content_block_delta\","
        + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"On it.\"}}"));
    a.onEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    assertNull(a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"forecast\",\"input\":{}}}"));
    assertNull(a.onEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"));
    assertNull(a.onEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"));
    a.onEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
    a.onEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"time\",\"input\":{}}}");
    a.onEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}");
    a.onEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
        + "\"usage\":{\"output_tokens\":9}}");
    a.onEvent("message_stop", "{\"type\":\"message_stop\"}");
    Completion c = a.completion("On it.");
    assertEquals(List.of(new ToolCall("toolu_1", "forecast", "{\"city\": \"Paris\"}"),
        new ToolCall("toolu_2", "time", "{}")), c.toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, c.finishReason());
  }

  @Test
  void anthropicSendsAnInputThatIsNotAnObjectBackAsAnEmptyOne() throws Exception {
    Prompt p = Prompt.of(null, "Umbrella?").withRound(
        ChatMessage.assistant("", List.of(new ToolCall("toolu_1", "forecast", "{\"city\": \"Par")),
            List.of()),
        List.of(ChatMessage.toolResult("toolu_1", "not JSON", true)));
    Endpoint e = new Endpoint("anthropic", ProviderConfig.Wire.ANTHROPIC_MESSAGES,
        URI.create("http://127.0.0.1:1"), "k");
    JsonNode body = new ObjectMapper().readTree(e.wire().encode(e, CallSite.of("A.b", "anthropic", "m"), p));
    assertEquals("{}", body.path("messages").path(1).path("content").path(0).path("input").toString());
  }

  private static String chunk(String delta, String finish) {
    return "{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
  }
}
