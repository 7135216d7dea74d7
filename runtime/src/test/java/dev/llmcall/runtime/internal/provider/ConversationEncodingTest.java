package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a conversation, images, tools and tool rounds go on each wire (#12). */
class ConversationEncodingTest {
  private static final CallSite SITE = CallSite.of("Chat.reply", "openai", "m");
  private static final Tools TOOLS = Tools.of(
      List.of(ToolDefinition.of("forecast", "The forecast", "{\"type\":\"object\"}")),
      (name, args, v) -> "sunny");
  private static final byte[] PNG = {1, 2, 3};

  private static Prompt prompt() {
    Request r = Request.of("Be brief.", "And tomorrow?")
        .history(List.of(ChatMessage.system("Use metric units."), ChatMessage.user("Weather in Paris?"),
            ChatMessage.assistant("Rain."), ChatMessage.user("Sure?")))
        .image(Image.of(PNG, "image/png"))
        .image(Image.of(URI.create("https://example.com/a.jpg")))
        .tools(TOOLS);
    return Prompt.of(r, false, null).withRound(
        ChatMessage.assistant("", List.of(new ToolCall("call_1", "forecast", "{\"city\":\"Paris\"}")),
            List.of(ThinkingBlock.of("Check it.", "sig"), ThinkingBlock.redacted("xyz"))),
        List.of(ChatMessage.toolResult("call_1", "sunny", false)));
  }

  private static JsonNode encode(ProviderConfig.Wire wire, Prompt p) throws Exception {
    Endpoint e = new Endpoint("openai", wire, URI.create("http://127.0.0.1:1"), "k");
    return new ObjectMapper().readTree(new String(e.wire().encode(e, SITE, p), StandardCharsets.UTF_8));
  }

  @Test
  void openAiSendsEveryMessageInOrder() throws Exception {
    JsonNode body = encode(ProviderConfig.Wire.OPENAI_CHAT, prompt());
    JsonNode m = body.get("messages");
    assertEquals(8, m.size(), m.toString());
    assertEquals("system", m.get(0).get("role").asText());
    assertEquals("Be brief.", m.get(0).get("content").asText());
    assertEquals("Use metric units.", m.get(1).get("content").asText());
    assertEquals("Weather in Paris?", m.get(2).get("content").asText());
    assertEquals("assistant", m.get(3).get("role").asText());
    JsonNode user = m.get(5).get("content");
    assertEquals("text", user.get(0).get("type").asText());
    assertEquals("And tomorrow?", user.get(0).get("text").asText());
    assertEquals("data:image/png;base64,AQID", user.get(1).get("image_url").get("url").asText());
    assertEquals("https://example.com/a.jpg", user.get(2).get("image_url").get("url").asText());
    JsonNode call = m.get(6);
    assertTrue(call.get("content").isNull());
    assertEquals("call_1", call.get("tool_calls").get(0).get("id").asText());
    assertEquals("{\"city\":\"Paris\"}", call.get("tool_calls").get(0).get("function").get("arguments").asText());
    assertFalse(call.has("thinking"), "thinking blocks are Anthropic's");
    assertEquals("tool", m.get(7).get("role").asText());
    assertEquals("call_1", m.get(7).get("tool_call_id").asText());
    assertEquals("forecast", body.get("tools").get(0).get("function").get("name").asText());
    assertEquals("object", body.get("tools").get(0).get("function").get("parameters").get("type").asText());
  }

  @Test
  void anthropicJoinsSystemMergesRolesAndPassesThinkingBack() throws Exception {
    JsonNode body = encode(ProviderConfig.Wire.ANTHROPIC_MESSAGES, prompt());
    assertEquals("Be brief.\n\nUse metric units.", body.get("system").asText());
    JsonNode m = body.get("messages");
    // user, assistant, user+user merged, assistant (tool use), user (tool result)
    assertEquals(5, m.size(), m.toString());
    assertEquals("user", m.get(0).get("role").asText());
    JsonNode merged = m.get(2).get("content");
    assertEquals("Sure?", merged.get(0).get("text").asText());
    assertEquals("base64", merged.get(1).get("source").get("type").asText());
    assertEquals("AQID", merged.get(1).get("source").get("data").asText());
    assertEquals("url", merged.get(2).get("source").get("type").asText());
    assertEquals("And tomorrow?", merged.get(3).get("text").asText(), "images go before the text");
    JsonNode assistant = m.get(3).get("content");
    assertEquals("thinking", assistant.get(0).get("type").asText());
    assertEquals("sig", assistant.get(0).get("signature").asText());
    assertEquals("redacted_thinking", assistant.get(1).get("type").asText());
    assertEquals("xyz", assistant.get(1).get("data").asText());
    assertEquals("tool_use", assistant.get(2).get("type").asText());
    assertEquals("Paris", assistant.get(2).get("input").get("city").asText());
    assertEquals(3, assistant.size(), "no empty text block");
    JsonNode result = m.get(4);
    assertEquals("user", result.get("role").asText());
    assertEquals("tool_result", result.get("content").get(0).get("type").asText());
    assertEquals("call_1", result.get("content").get(0).get("tool_use_id").asText());
    assertFalse(result.get("content").get(0).has("is_error"));
    assertEquals("forecast", body.get("tools").get(0).get("name").asText());
    assertFalse(body.has("tool_choice"), "the model chooses among the caller's tools");
  }

  @Test
  void anthropicOffersTheAnswerToolBesideTheCallersTools() throws Exception {
    Prompt p = Prompt.of(Request.of(null, "Who?").tools(TOOLS), false,
        dev.llmcall.runtime.spi.StructuredOutput.of("Person", "{\"type\":\"object\"}", (n, path, v) -> "x"));
    JsonNode body = encode(ProviderConfig.Wire.ANTHROPIC_MESSAGES, p);
    assertEquals(2, body.get("tools").size());
    assertEquals("Person", body.get("tools").get(1).get("name").asText());
    assertEquals("any", body.get("tool_choice").get("type").asText());
  }

  @Test
  void repairsAndToolRoundsGoInTheOrderTheyHappened() throws Exception {
    Prompt p = Prompt.of(Request.of(null, "Who?").tools(TOOLS), false, null)
        .withRound(ChatMessage.assistant("", List.of(new ToolCall("c1", "forecast", "{}")), List.of()),
            List.of(ChatMessage.toolResult("c1", "sunny", false)))
        .repairing("{\"bad\":1}", "$.name: required")
        .withRound(ChatMessage.assistant("", List.of(new ToolCall("c2", "forecast", "{}")), List.of()),
            List.of(ChatMessage.toolResult("c2", "rain", false)));
    JsonNode m = encode(ProviderConfig.Wire.OPENAI_CHAT, p).get("messages");
    assertEquals(List.of("user", "assistant", "tool", "assistant", "user", "assistant", "tool"),
        roles(m));
    assertEquals("{\"bad\":1}", m.get(3).get("content").asText());
    assertEquals("c2", m.get(6).get("tool_call_id").asText());
    JsonNode a = encode(ProviderConfig.Wire.ANTHROPIC_MESSAGES, p).get("messages");
    assertEquals(List.of("user", "assistant", "user", "assistant", "user", "assistant", "user"),
        roles(a));
    assertEquals("tool_result", a.get(2).get("content").get(0).get("type").asText());
    assertEquals("$.name: required", a.get(4).get("content").get(0).get("text").asText());
    assertEquals(4, p.rounds().size(), "the repair is not a tool round, nor part of the turn");
  }

  private static List<String> roles(JsonNode messages) {
    List<String> roles = new java.util.ArrayList<>();
    messages.forEach(n -> roles.add(n.get("role").asText()));
    return roles;
  }
}
