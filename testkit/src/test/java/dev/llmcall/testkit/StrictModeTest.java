package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strict mode on the server itself, without the JUnit extension. */
class StrictModeTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStrictServerRefusesARequestNothingAnswersAndVerifyNamesIt() throws Exception {
    assertFalse(server.isStrict());
    assertSame(server, server.strict());
    assertTrue(server.isStrict());

    HttpResponse<String> response =
        Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "Hi there"));

    assertEquals(400, response.statusCode());
    JsonNode error = Http.json(response).get("error");
    assertEquals("unexpected_request", error.get("code").asText());
    assertTrue(error.get("message").asText().contains(
        "#1 POST /v1/chat/completions (model gpt-4o-mini, last user message \"Hi there\")"),
        error.get("message").asText());
    AssertionError e = assertThrows(AssertionError.class, server::verify);
    assertEquals("FakeLlmServer: the script was not followed, 1 problem:\n"
        + "  unexpected request #1 POST /v1/chat/completions"
        + " (model gpt-4o-mini, last user message \"Hi there\")",
        e.getMessage());
  }

  @Test
  void aStrictServerAnswersWhatIsScripted() throws Exception {
    server.strict().enqueue(FakeReply.text("scripted"));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals("scripted", Http.json(response).at("/content/0/text").asText());
    server.verify();
  }

  @Test
  void verifyListsUnusedRepliesAndUnmatchedRulesEvenWhenLenient() {
    server.enqueue(FakeReply.text("queued"))
        .enqueue(RequestMatcher.model("gpt-4o"), FakeReply.status(429))
        .whenever(RequestMatcher.path("/v1/messages"), FakeReply.text("always"));

    AssertionError e = assertThrows(AssertionError.class, server::verify);

    assertEquals("FakeLlmServer: the script was not followed, 3 problems:\n"
        + "  unused reply FakeReply.status(429) for requests matching model gpt-4o\n"
        + "  unused reply FakeReply.text(queued) (queued)\n"
        + "  no request matched path /v1/messages (whenever FakeReply.text(always))", e.getMessage());
  }

  @Test
  void aStandingRuleThatAnsweredOnceIsNotReported() throws Exception {
    server.strict().whenever(RequestMatcher.path("/v1/messages"), FakeReply.text("always"));

    Http.post(Http.messages(server), Http.chat("m", "Hi"));

    server.verify();
  }

  @Test
  void aLenientServerStillAnswersWithTheDefaultReply() throws Exception {
    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals(200, response.statusCode());
    server.verify();
  }

  @Test
  void aStrictServerReportsRequestsToPathsItDoesNotServe() throws Exception {
    server.strict();

    HttpResponse<String> response =
        Http.post(URI.create(server.anthropicBaseUrl() + "/v1/completions"), Http.chat("m", "Hi"));

    assertEquals(404, response.statusCode());
    AssertionError e = assertThrows(AssertionError.class, server::verify);
    assertTrue(e.getMessage().contains("unexpected request #1 POST /v1/completions (model m, last user"
        + " message \"Hi\"), which no endpoint serves"), e.getMessage());
  }

  @Test
  void aStrictHealthCheckWithNothingScriptedIsRefusedToo() throws Exception {
    server.strict();

    HttpResponse<String> response = Http.send("GET", URI.create(server.openAiBaseUrl() + "/models"), null);

    assertEquals(400, response.statusCode());
    AssertionError e = assertThrows(AssertionError.class, server::verify);
    assertTrue(e.getMessage().contains("unexpected request #1 GET /v1/models"), e.getMessage());
  }
}
