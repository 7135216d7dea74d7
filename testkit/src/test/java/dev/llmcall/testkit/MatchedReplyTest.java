package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies that answer only matching requests, and how they share the work with the ordered queue. */
class MatchedReplyTest {

  private static final String DEFAULT_PREFIX = "This is llmcall's fake provider. You asked: ";

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aMatchedReplyAnswersOnlyItsRequestAndTheQueueKeepsItsOrderForTheRest() throws Exception {
    server.enqueue(FakeReply.text("first in queue")).enqueue(FakeReply.text("second in queue"));
    assertSame(server, server.enqueue(RequestMatcher.model("gpt-4o"), FakeReply.text("for gpt-4o")));
    assertEquals(3, server.pendingReplies());

    assertEquals("first in queue", openAiText(Http.chat("gpt-4o-mini", "a")));
    assertEquals("for gpt-4o", openAiText(Http.chat("gpt-4o", "b")));
    assertEquals("second in queue", openAiText(Http.chat("gpt-4o", "c")));
    assertEquals(DEFAULT_PREFIX + "d", openAiText(Http.chat("gpt-4o", "d")));
    assertEquals(0, server.pendingReplies());
  }

  @Test
  void oneShotRepliesForOneMatcherAnswerInTheOrderAdded() throws Exception {
    server.enqueue(RequestMatcher.bodyContains("Paris"), FakeReply.text("one"))
        .enqueue(RequestMatcher.bodyContains("Paris"), FakeReply.text("two"));

    assertEquals("one", openAiText(Http.chat("m", "Paris?")));
    assertEquals("two", openAiText(Http.chat("m", "Paris again?")));
  }

  @Test
  void aStandingRuleAnswersEveryMatchAfterOneShotRepliesAndBeforeTheQueue() throws Exception {
    server.enqueue(FakeReply.text("queued"));
    assertSame(server, server.whenever(RequestMatcher.path("/v1/messages"), FakeReply.status(529)));
    server.enqueue(RequestMatcher.path("/v1/messages"), FakeReply.text("once, before the rule"));
    assertEquals(2, server.pendingReplies(), "a standing rule is not a pending reply");

    HttpResponse<String> once = Http.post(Http.messages(server), Http.chat("m", "a"));
    HttpResponse<String> ruled = Http.post(Http.messages(server), Http.chat("m", "b"));
    HttpResponse<String> ruledAgain = Http.post(Http.messages(server), Http.chat("m", "c"));

    assertEquals("once, before the rule", Http.json(once).at("/content/0/text").asText());
    assertEquals(529, ruled.statusCode());
    assertEquals("overloaded_error", Http.json(ruledAgain).at("/error/type").asText());
    assertEquals("queued", openAiText(Http.chat("m", "d")));
  }

  @Test
  void matchersCombineAndTestTheRecordedRequest() {
    RequestMatcher matcher = RequestMatcher.path("/v1/chat/completions")
        .and(RequestMatcher.where("temperature above 0.5",
            r -> r.json().path("temperature").asDouble() > 0.5));
    String warm = "{\"model\":\"m\",\"temperature\":0.9}";

    assertTrue(matcher.matches(request("/v1/chat/completions?x=1", warm)), "the query is left out");
    assertFalse(matcher.matches(request("/v1/chat/completions", "{\"temperature\":0.1}")));
    assertFalse(matcher.matches(request("/v1/messages", warm)));
    assertEquals("path /v1/chat/completions and temperature above 0.5", matcher.toString());
    assertFalse(RequestMatcher.model("m").matches(request("/v1/chat/completions", "not json")));
    assertTrue(RequestMatcher.model("m").matches(request("/v1/chat/completions", warm)));
  }

  @Test
  void aMatcherThatThrowsCountsAsNoMatchAndIsReported() throws Exception {
    server.enqueue(RequestMatcher.where("a broken predicate", r -> {
      throw new IllegalStateException("boom");
    }), FakeReply.text("never"));

    assertEquals(DEFAULT_PREFIX + "a", openAiText(Http.chat("m", "a")));

    AssertionError e = assertThrows(AssertionError.class, server::verify);
    assertTrue(e.getMessage().contains("matcher a broken predicate threw"
        + " java.lang.IllegalStateException: boom on request #1 POST /v1/chat/completions"),
        e.getMessage());
  }

  @Test
  void aModelsRequestCanBeMatchedByPath() throws Exception {
    server.whenever(RequestMatcher.path("/v1/models"), FakeReply.status(503));

    HttpResponse<String> response = Http.send("GET", URI.create(server.openAiBaseUrl() + "/models"), null);

    assertEquals(503, response.statusCode());
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThrows(NullPointerException.class, () -> server.enqueue(null, FakeReply.text("x")));
    assertThrows(NullPointerException.class, () -> server.whenever(RequestMatcher.model("m"), null));
    assertThrows(NullPointerException.class, () -> RequestMatcher.where("d", null));
  }

  private String openAiText(String body) throws Exception {
    HttpResponse<String> response = Http.post(Http.chatCompletions(server), body);
    return Http.json(response).at("/choices/0/message/content").asText();
  }

  private static RecordedRequest request(String path, String body) {
    return new RecordedRequest("POST", path, Map.of("content-type", List.of("application/json")), body);
  }
}
