package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorReplyTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void openAi401HasTheInvalidApiKeyBody() throws Exception {
    server.enqueue(FakeReply.status(401));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("gpt-4o", "Hi"));

    assertEquals(401, response.statusCode());
    assertEquals("req_fake_1", response.headers().firstValue("x-request-id").orElseThrow());
    JsonNode error = Http.json(response).get("error");
    assertEquals("Incorrect API key provided: sk-***", error.get("message").asText());
    assertEquals("invalid_request_error", error.get("type").asText());
    assertTrue(error.has("param") && error.get("param").isNull());
    assertEquals("invalid_api_key", error.get("code").asText());
  }

  @Test
  void anthropic401HasTheAuthenticationErrorBody() throws Exception {
    server.enqueue(FakeReply.status(401));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("claude", "Hi"));

    assertEquals(401, response.statusCode());
    assertEquals("req_fake_1", response.headers().firstValue("request-id").orElseThrow());
    JsonNode body = Http.json(response);
    assertEquals("error", body.get("type").asText());
    assertEquals("authentication_error", body.at("/error/type").asText());
    assertTrue(body.at("/error/message").isTextual());
    assertEquals("req_fake_1", body.get("request_id").asText());
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error, , invalid_request_error",
    "403, permission_error, permission_denied, permission_error",
    "404, invalid_request_error, model_not_found, not_found_error",
    "429, requests, rate_limit_exceeded, rate_limit_error",
    "500, server_error, , api_error",
    "503, server_error, , api_error",
    "529, server_error, , overloaded_error",
    "418, invalid_request_error, , invalid_request_error",
    "599, server_error, , api_error",
  })
  void defaultErrorBodiesHaveBothProviderShapes(int status, String openAiType, String openAiCode,
      String anthropicType) throws Exception {
    server.enqueue(FakeReply.status(status)).enqueue(FakeReply.status(status));

    HttpResponse<String> openAi = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));
    HttpResponse<String> anthropic = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals(status, openAi.statusCode());
    JsonNode error = Http.json(openAi).get("error");
    assertEquals(openAiType, error.get("type").asText());
    assertEquals(openAiCode, error.get("code").isNull() ? null : error.get("code").asText());
    assertTrue(error.get("message").asText().length() > 0);
    assertEquals(status, anthropic.statusCode());
    JsonNode body = Http.json(anthropic);
    assertEquals("error", body.get("type").asText());
    assertEquals(anthropicType, body.at("/error/type").asText());
    assertTrue(body.at("/error/message").asText().length() > 0);
  }

  @Test
  void anthropic529SaysOverloaded() throws Exception {
    server.enqueue(FakeReply.status(529));

    JsonNode body = Http.json(Http.post(Http.messages(server), Http.chat("claude", "Hi")));

    assertEquals("overloaded_error", body.at("/error/type").asText());
    assertEquals("Overloaded", body.at("/error/message").asText());
  }

  @Test
  void customErrorOnOpenAiDerivesTheTypeFromTheStatus() throws Exception {
    server.enqueue(
        FakeReply.error(400, "context_length_exceeded", "This model's maximum context is 8 tokens."));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals(400, response.statusCode());
    JsonNode error = Http.json(response).get("error");
    assertEquals("This model's maximum context is 8 tokens.", error.get("message").asText());
    assertEquals("invalid_request_error", error.get("type").asText());
    assertTrue(error.get("param").isNull());
    assertEquals("context_length_exceeded", error.get("code").asText());
  }

  @Test
  void customErrorOnAnthropicUsesTheCodeAsType() throws Exception {
    server.enqueue(FakeReply.error(413, "request_too_large", "Request exceeds the maximum size"));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals(413, response.statusCode());
    JsonNode body = Http.json(response);
    assertEquals("error", body.get("type").asText());
    assertEquals("request_too_large", body.at("/error/type").asText());
    assertEquals("Request exceeds the maximum size", body.at("/error/message").asText());
  }

  @Test
  void errorRepliesCarryExtraHeadersAndACustomRequestId() throws Exception {
    server.enqueue(FakeReply.status(429).header("retry-after", "2").requestId("req_rl"));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals(429, response.statusCode());
    assertEquals("2", response.headers().firstValue("retry-after").orElseThrow());
    assertEquals("req_rl", response.headers().firstValue("request-id").orElseThrow());
    assertEquals("req_rl", Http.json(response).get("request_id").asText());
  }
}
