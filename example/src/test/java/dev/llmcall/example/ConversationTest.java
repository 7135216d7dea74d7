package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated clients that take a history, images and a tool set (#12), against the fake provider
 * on both wires: what the provider receives is the conversation in order, then the user message
 * with its images, and the tool set's definitions.
 */
class ConversationTest {
  private static final byte[] PNG = {1, 2, 3};
  private static final byte[] GIF = {4, 5};
  private static final URI URL = URI.create("https://example.com/cat.jpg");
  private static final List<ChatMessage> HISTORY = List.of(
      ChatMessage.user("What is the capital of France?"),
      ChatMessage.assistant("Paris."));

  @TempDir Path dir;
  private FakeLlmServer server;
  private LlmRuntime runtime;
  private Conversation conversation;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-e2e-chat").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("sk-ant-e2e-chat")
            .withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
    conversation = LlmConversation.create(runtime);
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void openAiGetsTheSystemPromptTheHistoryAndThenTheQuestion() {
    server.enqueue(FakeReply.text("About two million."));
    assertEquals("About two million.", conversation.reply(HISTORY, "And its population?"));
    JsonNode messages = server.takeRequest().json().path("messages");
    assertEquals(4, messages.size(), messages.toString());
    assertMessage(messages.get(0), "system", "You are brief.");
    assertMessage(messages.get(1), "user", "What is the capital of France?");
    assertMessage(messages.get(2), "assistant", "Paris.");
    assertMessage(messages.get(3), "user", "And its population?");
  }

  @Test
  void aModelParameterNamesEachCallsModel() {
    server.enqueue(FakeReply.text("Hi.")).enqueue(FakeReply.text("Hello."));
    conversation.replyWith("gpt-4.1", "Hi?");
    conversation.replyWith("gpt-4.1-mini", "Hello?");
    assertEquals("gpt-4.1", server.takeRequest().json().path("model").asText());
    JsonNode second = server.takeRequest().json();
    assertEquals("gpt-4.1-mini", second.path("model").asText());
    assertEquals("Hello?", second.path("messages").get(1).path("content").asText(),
        "the model is not rendered into the prompt");
  }

  @Test
  void anthropicGetsTheSystemPromptOnTopAndTheHistoryInOrder() {
    server.enqueue(FakeReply.text("About two million."));
    assertEquals("About two million.",
        conversation.replyOnAnthropic(HISTORY, "And its population?"));
    JsonNode body = server.takeRequest().json();
    assertEquals("You are brief.", body.path("system").asText());
    JsonNode messages = body.path("messages");
    assertEquals(3, messages.size(), messages.toString());
    assertEquals("user", messages.get(0).path("role").asText());
    assertEquals("What is the capital of France?", text(messages.get(0)));
    assertEquals("assistant", messages.get(1).path("role").asText());
    assertEquals("Paris.", text(messages.get(1)));
    assertEquals("user", messages.get(2).path("role").asText());
    assertEquals("And its population?", text(messages.get(2)));
  }

  @Test
  void openAiGetsEveryImageAfterTheTextInParameterOrder() throws IOException {
    server.enqueue(FakeReply.text("Cats."));
    assertEquals("Cats.", conversation.look(Image.of(GIF, "image/gif"), PNG, URL, picture()));
    JsonNode messages = server.takeRequest().json().path("messages");
    JsonNode content = messages.get(messages.size() - 1).path("content");
    assertEquals(5, content.size(), content.toString());
    assertEquals("What is in these pictures?", content.get(0).path("text").asText());
    assertEquals("data:image/gif;base64,BAU=", imageUrl(content.get(1)));
    assertEquals("data:image/png;base64,AQID", imageUrl(content.get(2)));
    assertEquals(URL.toString(), imageUrl(content.get(3)));
    assertEquals("data:image/jpeg;base64,BgcI", imageUrl(content.get(4)));
  }

  @Test
  void anthropicGetsEveryImageAsABlockInParameterOrder() throws IOException {
    server.enqueue(FakeReply.text("Cats."));
    assertEquals("Cats.",
        conversation.lookOnAnthropic(Image.of(GIF, "image/gif"), PNG, URL, picture()));
    JsonNode messages = server.takeRequest().json().path("messages");
    JsonNode content = messages.get(messages.size() - 1).path("content");
    assertEquals(5, content.size(), content.toString());
    assertSource(content.get(0), "base64", "image/gif", "BAU=");
    assertSource(content.get(1), "base64", "image/png", "AQID");
    assertEquals("url", content.get(2).path("source").path("type").asText());
    assertEquals(URL.toString(), content.get(2).path("source").path("url").asText());
    assertSource(content.get(3), "base64", "image/jpeg", "BgcI");
    assertEquals("What is in these pictures?", content.get(4).path("text").asText());
  }

  @Test
  void eachWireGetsTheDefinitionsOfTheToolSet() {
    server.enqueue(FakeReply.text("Noon.")).enqueue(FakeReply.text("Noon."));
    Conversation.Clock clock = zone -> "12:00";
    assertEquals("Noon.", conversation.time("Europe/Oslo", clock));
    assertEquals("Noon.", conversation.timeOnAnthropic("Europe/Oslo", clock));

    JsonNode openAi = server.takeRequest().json().path("tools").get(0);
    assertEquals("function", openAi.path("type").asText());
    assertEquals("now", openAi.path("function").path("name").asText());
    assertEquals("The time now, as HH:mm, in a time zone",
        openAi.path("function").path("description").asText());
    assertEquals("{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},"
        + "\"required\":[\"zone\"],\"additionalProperties\":false}",
        openAi.path("function").path("parameters").toString());

    JsonNode anthropic = server.takeRequest().json().path("tools").get(0);
    assertEquals("now", anthropic.path("name").asText());
    assertEquals("zone", anthropic.path("input_schema").path("required").get(0).asText());
  }

  @Test
  void aNullHistoryIsRejectedBeforeAnythingIsSent() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> conversation.reply(null, "Hello?"));
    assertEquals("history == null", e.getMessage());
    assertEquals(0, server.requestCount());
  }

  @Test
  void aMethodWithoutHistoryOrImagesSendsNoneOfThem() {
    server.enqueue(FakeReply.text("Hi."));
    conversation.reply(List.of(), "Hello?");
    JsonNode messages = server.takeRequest().json().path("messages");
    assertEquals(2, messages.size(), messages.toString());
    assertFalse(messages.get(1).path("content").isArray(), "plain text without images");
  }

  /** A JPEG file: its media type comes from its name. */
  private Path picture() throws IOException {
    return Files.write(dir.resolve("photo.jpg"), new byte[] {6, 7, 8});
  }

  private static void assertMessage(JsonNode message, String role, String text) {
    assertEquals(role, message.path("role").asText(), message.toString());
    assertEquals(text, text(message), message.toString());
  }

  /** A message's text, whether its content is a string or one text block. */
  private static String text(JsonNode message) {
    JsonNode content = message.path("content");
    return content.isArray() ? content.get(0).path("text").asText() : content.asText();
  }

  private static String imageUrl(JsonNode part) {
    assertEquals("image_url", part.path("type").asText(), part.toString());
    return part.path("image_url").path("url").asText();
  }

  private static void assertSource(JsonNode block, String type, String mediaType, String data) {
    assertEquals("image", block.path("type").asText(), block.toString());
    assertEquals(type, block.path("source").path("type").asText());
    assertEquals(mediaType, block.path("source").path("media_type").asText());
    assertEquals(data, block.path("source").path("data").asText());
  }
}
