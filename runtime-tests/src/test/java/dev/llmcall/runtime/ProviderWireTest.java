package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact request each provider gets, and how each provider's answer is read. */
class ProviderWireTest {
  private static final String KEY = "sk-test-wire-0123456789";
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic(KEY).withBaseUrl(server.anthropicBaseUrl()))
        .provider(ProviderConfig.xai(KEY).withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.openAiCompatible("ollama", server.openAiBaseUrl(), null))
        .defaultRetryPolicy("none")
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void openAiOptionsOfCurrentModels() { // #12
    server.enqueue(FakeReply.text("ok"));
    runtime.bind(CallSite.of("A.b", "openai", "o4-mini").topP(0.9).stop("END", "###").seed(-7)
        .reasoningEffort("low")).call(null, "hi");
    JsonNode body = server.takeRequest().json();
    assertEquals(0.9, body.path("top_p").asDouble());
    assertEquals("[\"END\",\"###\"]", body.path("stop").toString());
    assertEquals(-7, body.path("seed").asLong());
    assertEquals("low", body.path("reasoning_effort").asText());
    assertFalse(body.has("thinking"));
  }

  @Test
  void anthropicOptionsOfCurrentModels() { // #12
    server.enqueue(FakeReply.text("ok"));
    runtime.bind(CallSite.of("A.b", "anthropic", "claude-sonnet-4-5").maxTokens(8000)
        .thinkingBudget(2048).topP(0.95).stop("END")).call(null, "hi");
    JsonNode body = server.takeRequest().json();
    assertEquals(8000, body.path("max_tokens").asInt());
    assertEquals("enabled", body.path("thinking").path("type").asText());
    assertEquals(2048, body.path("thinking").path("budget_tokens").asInt());
    assertEquals(0.95, body.path("top_p").asDouble());
    assertEquals("[\"END\"]", body.path("stop_sequences").toString());
    assertFalse(body.has("seed"));
    assertFalse(body.has("temperature"));
  }

  @Test
  void openAiRequestHasPathHeadersAndBody() {
    server.enqueue(FakeReply.text("Hi.").usage(12, 3).requestId("req_abc"));
    BoundCall call = runtime.bind(
        CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini").maxTokens(50).temperature(0.2));

    LlmResponse<String> r = call.call("Be brief.", "Summarize: x");

    RecordedRequest req = server.takeRequest();
    assertEquals("POST", req.method());
    assertEquals("/v1/chat/completions", req.path());
    assertEquals("Bearer " + KEY, req.header("authorization"));
    assertEquals("application/json", req.header("content-type"));
    JsonNode body = req.json();
    assertEquals("gpt-4o-mini", body.path("model").asText());
    assertEquals("system", body.path("messages").path(0).path("role").asText());
    assertEquals("Be brief.", body.path("messages").path(0).path("content").asText());
    assertEquals("user", body.path("messages").path(1).path("role").asText());
    assertEquals("Summarize: x", body.path("messages").path(1).path("content").asText());
    assertEquals(2, body.path("messages").size());
    assertEquals(50, body.path("max_completion_tokens").asInt());
    assertFalse(body.has("max_tokens"));
    assertEquals(0.2, body.path("temperature").asDouble());

    assertEquals("Hi.", r.value());
    assertEquals("Hi.", r.text());
    assertEquals("openai", r.provider());
    assertEquals("gpt-4o-mini", r.model());
    assertEquals(FinishReason.STOP, r.finishReason());
    assertEquals(new Usage(12, 3), r.usage());
    assertEquals("req_abc", r.requestId());
    assertEquals(1, r.attempts());
  }

  @Test
  void openAiOmitsUnsetOptionsAndSystem() {
    runtime.bind(CallSite.of("A.b", "openai", "gpt-4o-mini")).call(null, "hello");
    JsonNode body = server.takeRequest().json();
    assertEquals(1, body.path("messages").size());
    assertFalse(body.has("temperature"));
    assertFalse(body.has("max_completion_tokens"));
    assertFalse(body.has("max_tokens"));
  }

  @Test
  void xaiAndCompatibleServersGetMaxTokens() {
    runtime.bind(CallSite.of("A.b", "xai", "grok-4").maxTokens(7)).call(null, "hi");
    JsonNode body = server.takeRequest().json();
    assertEquals(7, body.path("max_tokens").asInt());
    assertFalse(body.has("max_completion_tokens"));
  }

  @Test
  void compatibleServerWithoutKeyGetsNoAuthorization() {
    runtime.bind(CallSite.of("A.b", "ollama", "llama3")).call(null, "hi");
    assertNull(server.takeRequest().header("authorization"));
  }

  @Test
  void lengthFinishIsReported() {
    server.enqueue(FakeReply.text("cut").finishReason("length"));
    assertEquals(FinishReason.LENGTH,
        runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "hi").finishReason());
  }

  @Test
  void anthropicRequestHasPathHeadersAndBody() {
    server.enqueue(FakeReply.text("Good morning").usage(20, 4).finishReason("max_tokens").requestId("req_ant"));
    BoundCall call = runtime.bind(CallSite.of("Translator.translate", "anthropic", "claude-sonnet-4-5"));

    LlmResponse<String> r = call.call("You translate.", "Translate Guten Morgen into English");

    RecordedRequest req = server.takeRequest();
    assertEquals("/v1/messages", req.path());
    assertEquals(KEY, req.header("x-api-key"));
    assertEquals("2023-06-01", req.header("anthropic-version"));
    assertNull(req.header("authorization"));
    JsonNode body = req.json();
    assertEquals("claude-sonnet-4-5", body.path("model").asText());
    assertEquals(4096, body.path("max_tokens").asInt());
    assertEquals("You translate.", body.path("system").asText());
    assertEquals(1, body.path("messages").size());
    assertEquals("user", body.path("messages").path(0).path("role").asText());
    assertEquals("Translate Guten Morgen into English", body.path("messages").path(0).path("content").asText());

    assertEquals("Good morning", r.text());
    assertEquals("anthropic", r.provider());
    assertEquals(FinishReason.LENGTH, r.finishReason());
    assertEquals(new Usage(20, 4), r.usage());
    assertEquals("req_ant", r.requestId());
  }

  @Test
  void anthropicMaxTokensFromCallSite() {
    runtime.bind(CallSite.of("A.b", "anthropic", "claude-sonnet-4-5").maxTokens(300)).call(null, "hi");
    assertEquals(300, server.takeRequest().json().path("max_tokens").asInt());
  }

  @Test
  void openAiRefusalIsAResponseOrAContentFilterFailureByShape() { // #11
    server.enqueue(FakeReply.text("").refusal("I can't help with that.").usage(9, 4));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "bad");
    assertEquals("I can't help with that.", r.refusal());
    assertEquals(FinishReason.STOP, r.finishReason());
    assertTrue(r.filtered());

    server.enqueue(FakeReply.text("").refusal("I can't help with that.").usage(9, 4));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "m").retryPolicy("default")).text(null, "bad"));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertFalse(e.retryable());
    assertTrue(e.detail().contains("I can't help with that."), e.detail());
    assertEquals("I can't help with that.", e.refusal().orElseThrow());
    assertEquals(new Usage(9, 4), e.usage(), "a refusal is billed");
    assertEquals(new Usage(9, 4), e.history().get(0).usage());
    assertEquals(2, server.requestCount(), "never retried");
  }

  @Test
  void openAiContentFilterAfterTextKeepsTheText() {
    server.enqueue(FakeReply.text("Half an ans").finishReason("content_filter"));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "bad");
    assertEquals(FinishReason.CONTENT_FILTER, r.finishReason());
    assertEquals("Half an ans", r.text());

    server.enqueue(FakeReply.text("Half an ans").finishReason("content_filter"));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "m")).text(null, "bad"));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertEquals("Half an ans", e.partialText().orElseThrow());
  }

  @Test
  void anthropicRefusalIsContentFilter() {
    server.enqueue(FakeReply.text("").refusal("no"));
    assertEquals(FinishReason.CONTENT_FILTER,
        runtime.bind(CallSite.of("A.b", "anthropic", "m")).call(null, "bad").finishReason());
    server.enqueue(FakeReply.text("").refusal("no"));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "anthropic", "m")).text(null, "bad"));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
  }

  @Test
  void unreadableSuccessBodyIsUnknownAndNotRetried() {
    server.enqueue(FakeReply.text("x").body("<html>proxy login</html>").contentType("text/html"));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "m").retryPolicy("default")).call(null, "hi"));
    assertEquals(ErrorCategory.UNKNOWN, e.category());
    assertEquals(1, server.requestCount());
  }

  @Test
  void plainHttpRequestsCarryNoH2cUpgradeOffer() {
    server.enqueue(FakeReply.text("one")).enqueue(FakeReply.stream("two"))
        .enqueue(FakeReply.text("three"));
    runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "x");
    runtime.bind(CallSite.of("A.b", "openai", "m")).stream(null, "x").response();
    runtime.bind(CallSite.of("A.b", "anthropic", "m")).call(null, "x");
    for (int i = 0; i < 3; i++) {
      RecordedRequest req = server.takeRequest();
      assertNull(req.header("upgrade"), req.path());
      assertNull(req.header("http2-settings"), req.path());
    }
  }

  @Test
  void httpsRequestsKeepHttp2() {
    java.net.http.HttpRequest plain = dev.llmcall.runtime.internal.provider.ProviderWire.builder(
        java.net.URI.create("http://127.0.0.1:8000/v1/chat/completions")).build();
    java.net.http.HttpRequest tls = dev.llmcall.runtime.internal.provider.ProviderWire.builder(
        java.net.URI.create("https://api.openai.com/v1/chat/completions")).build();
    assertEquals(java.util.Optional.of(java.net.http.HttpClient.Version.HTTP_1_1), plain.version());
    assertEquals(java.util.Optional.empty(), tls.version(), "the client's default, HTTP/2");
  }
}
