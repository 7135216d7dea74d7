package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The script: FIFO consumption, and the default reply when it is empty. */
class ScriptTest {

  private static final String PREFIX = "This is llmcall's fake provider. You asked: ";

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void repliesAreConsumedInFifoOrderThenTheDefaultFollows() throws Exception {
    assertSame(server, server.enqueue(FakeReply.text("first")));
    server.enqueue(FakeReply.status(500)).enqueue(FakeReply.text("third"));
    assertEquals(3, server.pendingReplies());

    HttpResponse<String> one = Http.post(Http.chatCompletions(server), Http.chat("m", "a"));
    HttpResponse<String> two = Http.post(Http.messages(server), Http.chat("m", "b"));
    HttpResponse<String> three = Http.post(Http.chatCompletions(server), Http.chat("m", "c"));
    HttpResponse<String> four = Http.post(Http.chatCompletions(server), Http.chat("m", "d"));

    assertEquals("first", Http.json(one).at("/choices/0/message/content").asText());
    assertEquals(500, two.statusCode());
    assertEquals("api_error", Http.json(two).at("/error/type").asText());
    assertEquals("third", Http.json(three).at("/choices/0/message/content").asText());
    assertEquals(PREFIX + "d", Http.json(four).at("/choices/0/message/content").asText());
    assertEquals(0, server.pendingReplies());
  }

  @Test
  void emptyScriptAnswersOpenAiWithTheDefaultText() throws Exception {
    HttpResponse<String> response =
        Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "What is 2+2?"));

    assertEquals(200, response.statusCode());
    JsonNode body = Http.json(response);
    assertEquals(PREFIX + "What is 2+2?", body.at("/choices/0/message/content").asText());
    assertEquals("gpt-4o-mini", body.get("model").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
  }

  @Test
  void emptyScriptAnswersAnthropicWithTheDefaultText() throws Exception {
    JsonNode body = Http.json(Http.post(Http.messages(server), Http.chat("claude-haiku-4-5", "Hello?")));

    assertEquals(PREFIX + "Hello?", body.at("/content/0/text").asText());
    assertEquals("claude-haiku-4-5", body.get("model").asText());
    assertEquals("end_turn", body.get("stop_reason").asText());
  }

  @Test
  void defaultTextQuotesTheLastUserMessage() throws Exception {
    String request = Http.chatWith("m", "user", "first question", "assistant", "an answer",
        "user", "second question", "assistant", "partial");

    JsonNode body = Http.json(Http.post(Http.chatCompletions(server), request));

    assertEquals(PREFIX + "second question", body.at("/choices/0/message/content").asText());
  }

  @Test
  void defaultTextCutsLongQuestionsTo120Characters() throws Exception {
    String question = "x".repeat(119) + "yz";

    JsonNode body = Http.json(Http.post(Http.chatCompletions(server), Http.chat("m", question)));

    String content = body.at("/choices/0/message/content").asText();
    assertEquals(PREFIX + "x".repeat(119) + "y…", content);
  }

  @Test
  void defaultReplyToABodyThatIsNotJsonStillSucceeds() throws Exception {
    HttpResponse<String> response = Http.post(Http.chatCompletions(server), "not json at all");

    assertEquals(200, response.statusCode());
    JsonNode body = Http.json(response);
    assertEquals(PREFIX, body.at("/choices/0/message/content").asText());
    assertEquals("fake-model", body.get("model").asText());
    assertTrue(body.at("/usage/prompt_tokens").isInt());
  }
}
