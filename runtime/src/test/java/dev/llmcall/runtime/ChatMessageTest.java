package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

  @Test
  void aConversationSurvivesJson() {
    List<ChatMessage> conversation = List.of(
        ChatMessage.system("Be brief."),
        ChatMessage.user("What is this?", List.of(Image.of(new byte[] {1, 2, 3}, "image/png"),
            Image.of(URI.create("https://example.com/a.jpg")))),
        ChatMessage.assistant("", List.of(new ToolCall("call_1", "lookup", "{\"q\":\"x\"}")),
            List.of(ThinkingBlock.of("Hmm.", "sig"), ThinkingBlock.redacted("enc"))),
        ChatMessage.toolResult("call_1", "no such thing", true),
        ChatMessage.assistant("A cat."));
    String json = ChatMessage.toJson(conversation);
    assertEquals(conversation, ChatMessage.fromJson(json));
    assertTrue(json.contains("\"data\":\"AQID\""), json);
  }

  @Test
  void unreadableConversationsSayWhy() {
    assertThrows(IllegalArgumentException.class, () -> ChatMessage.fromJson("{}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChatMessage.fromJson("[{\"role\":\"robot\",\"text\":\"\"}]"));
    assertTrue(e.getMessage().contains("robot"), e.getMessage());
  }

  @Test
  void toStringNeverShowsImageBytesOrThinkingSignatures() {
    String s = ChatMessage.assistant("ok", List.of(), List.of(ThinkingBlock.redacted("SECRET"))).toString()
        + ThinkingBlock.redacted("SECRET") + Image.of(new byte[] {9, 9}, "image/png");
    assertFalse(s.contains("SECRET"), s);
    assertFalse(s.contains("CQk"), s);
  }
}
