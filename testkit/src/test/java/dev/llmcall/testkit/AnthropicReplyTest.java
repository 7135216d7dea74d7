package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicReplyTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void successHasTheMessageShape() throws Exception {
    server.enqueue(FakeReply.text("Hello there").usage(11, 3));

    HttpResponse<String> response = Http.post(
        Http.messages(server), Http.chat("claude-sonnet-4-5", "Hi"), "anthropic-version", "2023-06-01");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("req_fake_1", response.headers().firstValue("request-id").orElseThrow());
    assertFalse(response.headers().firstValue("x-request-id").isPresent());
    JsonNode body = Http.json(response);
    assertEquals("msg_req_fake_1", body.get("id").asText());
    assertEquals("message", body.get("type").asText());
    assertEquals("assistant", body.get("role").asText());
    assertEquals("claude-sonnet-4-5", body.get("model").asText());
    assertEquals(1, body.get("content").size());
    assertEquals("text", body.at("/content/0/type").asText());
    assertEquals("Hello there", body.at("/content/0/text").asText());
    assertEquals("end_turn", body.get("stop_reason").asText());
    assertTrue(body.get("stop_sequence").isNull());
    assertEquals(11, body.at("/usage/input_tokens").asInt());
    assertEquals(3, body.at("/usage/output_tokens").asInt());
  }

  @Test
  void defaultUsageCountsTheSystemPromptAndContentBlocks() throws Exception {
    server.enqueue(FakeReply.text("Four."));
    ObjectNode request = Http.MAPPER.createObjectNode().put("model", "claude-haiku-4-5");
    request.put("system", "Answer briefly.");
    request.putArray("messages").addObject().put("role", "user").putArray("content")
        .addObject().put("type", "text").put("text", "What is two plus two?");

    JsonNode body = Http.json(Http.post(Http.messages(server), request.toString()));

    assertEquals(2 + 5, body.at("/usage/input_tokens").asInt());
    assertEquals(1, body.at("/usage/output_tokens").asInt());
  }

  @Test
  void finishReasonModelAndRequestIdCanBeSet() throws Exception {
    server.enqueue(FakeReply.text("cut").finishReason("max_tokens").model("claude-x").requestId("r42"));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("claude-y", "Hi"));

    assertEquals("r42", response.headers().firstValue("request-id").orElseThrow());
    JsonNode body = Http.json(response);
    assertEquals("msg_r42", body.get("id").asText());
    assertEquals("claude-x", body.get("model").asText());
    assertEquals("max_tokens", body.get("stop_reason").asText());
  }

  @Test
  void refusalSetsStopReasonRefusal() throws Exception {
    server.enqueue(FakeReply.text("ignored").refusal("I won't do that."));

    JsonNode body = Http.json(Http.post(Http.messages(server), Http.chat("claude-y", "Hi")));

    assertEquals("refusal", body.get("stop_reason").asText());
    assertEquals("I won't do that.", body.at("/content/0/text").asText());
    assertEquals(4, body.at("/usage/output_tokens").asInt());
  }

  @Test
  void explicitFinishReasonWinsOverRefusal() throws Exception {
    server.enqueue(FakeReply.text("x").refusal("no").finishReason("end_turn"));

    JsonNode body = Http.json(Http.post(Http.messages(server), Http.chat("claude-y", "Hi")));

    assertEquals("end_turn", body.get("stop_reason").asText());
  }
}
