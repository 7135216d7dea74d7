package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiReplyTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void successHasTheChatCompletionShape() throws Exception {
    server.enqueue(FakeReply.text("Hello there").usage(7, 2));
    long before = Instant.now().getEpochSecond();

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "Hi"));

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals(response.body().getBytes(StandardCharsets.UTF_8).length,
        response.headers().firstValueAsLong("content-length").orElseThrow());
    assertEquals("req_fake_1", response.headers().firstValue("x-request-id").orElseThrow());
    JsonNode body = Http.json(response);
    assertEquals("chatcmpl-req_fake_1", body.get("id").asText());
    assertEquals("chat.completion", body.get("object").asText());
    long created = body.get("created").asLong();
    assertTrue(created >= before && created <= Instant.now().getEpochSecond(), "created " + created);
    assertEquals("gpt-4o-mini", body.get("model").asText());
    JsonNode choice = body.get("choices").get(0);
    assertEquals(1, body.get("choices").size());
    assertEquals(0, choice.get("index").asInt());
    assertEquals("assistant", choice.at("/message/role").asText());
    assertEquals("Hello there", choice.at("/message/content").asText());
    assertTrue(choice.get("message").get("refusal").isNull());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertEquals(7, body.at("/usage/prompt_tokens").asInt());
    assertEquals(2, body.at("/usage/completion_tokens").asInt());
    assertEquals(9, body.at("/usage/total_tokens").asInt());
  }

  @Test
  void defaultUsageCountsWordsOfAllMessagesAndOfTheReply() throws Exception {
    server.enqueue(FakeReply.text("Paris is the capital."));
    String request = Http.chatWith("gpt-4o", "system", "You are terse.",
        "user", "What is the capital of France?");

    JsonNode body = Http.json(Http.post(Http.chatCompletions(server), request));

    assertEquals(3 + 6, body.at("/usage/prompt_tokens").asInt());
    assertEquals(4, body.at("/usage/completion_tokens").asInt());
    assertEquals(13, body.at("/usage/total_tokens").asInt());
  }

  @Test
  void finishReasonModelAndRequestIdCanBeSet() throws Exception {
    server.enqueue(FakeReply.text("cut").finishReason("length").model("gpt-other").requestId("abc123"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("gpt-4o", "Hi"));

    assertEquals("abc123", response.headers().firstValue("x-request-id").orElseThrow());
    JsonNode body = Http.json(response);
    assertEquals("chatcmpl-abc123", body.get("id").asText());
    assertEquals("gpt-other", body.get("model").asText());
    assertEquals("length", body.at("/choices/0/finish_reason").asText());
  }

  @Test
  void refusalSetsRefusalAndNullContent() throws Exception {
    server.enqueue(FakeReply.text("ignored").refusal("I can't help with that."));

    JsonNode body = Http.json(Http.post(Http.chatCompletions(server), Http.chat("gpt-4o", "Hi")));

    JsonNode message = body.at("/choices/0/message");
    assertTrue(message.has("content"));
    assertTrue(message.get("content").isNull());
    assertEquals("I can't help with that.", message.get("refusal").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
    assertEquals(5, body.at("/usage/completion_tokens").asInt());
  }

  @Test
  void requestIdsCountRequests() throws Exception {
    Http.post(Http.chatCompletions(server), Http.chat("m", "one"));
    HttpResponse<String> second = Http.post(Http.chatCompletions(server), Http.chat("m", "two"));

    assertEquals("req_fake_2", second.headers().firstValue("x-request-id").orElseThrow());
    assertEquals("chatcmpl-req_fake_2", Http.json(second).get("id").asText());
  }

  @Test
  void anyPathEndingInChatCompletionsSpeaksOpenAi() throws Exception {
    server.enqueue(FakeReply.text("compatible"));
    URI uri = server.anthropicBaseUrl().resolve("/openai/v1/chat/completions");

    HttpResponse<String> response = Http.post(uri, Http.chat("llama", "Hi"));

    assertEquals(200, response.statusCode());
    assertEquals("compatible", Http.json(response).at("/choices/0/message/content").asText());
    assertFalse(response.headers().firstValue("request-id").isPresent());
    assertEquals("/openai/v1/chat/completions", server.takeRequest().path());
  }

  @Test
  void replyWithoutModelInTheRequestNamesTheFakeModel() throws Exception {
    server.enqueue(FakeReply.text("ok"));

    JsonNode body = Http.json(Http.post(Http.chatCompletions(server), "{\"messages\":[]}"));

    assertEquals("fake-model", body.get("model").asText());
    assertNull(body.get("error"));
  }
}
