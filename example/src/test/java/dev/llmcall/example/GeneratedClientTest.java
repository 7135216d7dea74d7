package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Usage;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: interfaces compiled by the real processor in this module's build, generated clients
 * called against the fake provider, and the exact requests checked.
 */
class GeneratedClientTest {
  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-e2e-test-key").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("sk-ant-e2e-key").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(time)
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void stringMethodSendsSystemAndRenderedPrompt() {
    server.enqueue(FakeReply.text("A library."));
    assertEquals("A library.", LlmAssistant.create(runtime).summarize("llmcall is a library"));

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1/chat/completions", request.path());
    assertEquals("Bearer sk-e2e-test-key", request.header("authorization"));
    JsonNode body = request.json();
    assertEquals("gpt-4o-mini", body.path("model").asText());
    assertEquals("Answer in one sentence.", body.path("messages").path(0).path("content").asText());
    assertEquals("Summarize: llmcall is a library", body.path("messages").path(1).path("content").asText());
  }

  @Test
  void responseMethodRendersNonStringParametersAndOptions() {
    server.enqueue(FakeReply.text("Tom, Felix, Luna").usage(11, 5).requestId("req_names"));
    LlmResponse<String> r = LlmAssistant.create(runtime).names(3, "cat");

    JsonNode body = server.takeRequest().json();
    assertEquals("Give 3 names for a cat, comma-separated.",
        body.path("messages").path(0).path("content").asText());
    assertEquals(0.7, body.path("temperature").asDouble());
    assertEquals("Tom, Felix, Luna", r.value());
    assertEquals(new Usage(11, 5), r.usage());
    assertEquals(FinishReason.STOP, r.finishReason());
    assertEquals("req_names", r.requestId());
    assertEquals(1, r.attempts());
  }

  @Test
  void asyncMethodCompletesWithTheText() throws Exception {
    server.enqueue(FakeReply.text("async summary"));
    CompletableFuture<String> f = LlmAssistant.create(runtime).summarizeAsync("text");
    assertEquals("async summary", f.get(10, TimeUnit.SECONDS));
  }

  @Test
  void asyncFailureIsAnLlmException() {
    server.enqueue(FakeReply.status(401));
    Throwable t = LlmAssistant.create(runtime).summarizeAsync("text").handle((v, e) -> e).join();
    assertTrue(t instanceof LlmException, String.valueOf(t));
    assertEquals(ErrorCategory.AUTHENTICATION, ((LlmException) t).category());
    assertEquals("Assistant.summarizeAsync", ((LlmException) t).method());
  }

  @Test
  void anthropicMethodUsesItsProviderAndMaxTokens() {
    server.enqueue(FakeReply.text("Good morning").finishReason("end_turn"));
    LlmResponse<String> r = LlmTranslator.create(runtime).translate("Guten Morgen", "English");

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1/messages", request.path());
    assertEquals("sk-ant-e2e-key", request.header("x-api-key"));
    assertEquals(300, request.json().path("max_tokens").asInt());
    assertEquals("Translate Guten Morgen into English",
        request.json().path("messages").path(0).path("content").asText());
    assertEquals("anthropic", r.provider());
    assertEquals("Good morning", r.text());
  }

  @Test
  void retryPolicyFromTheAnnotationIsInForce() {
    // summarize has @Retry(policy = "high-availability"): 6 attempts, 0.25 s doubling.
    for (int i = 0; i < 5; i++) {
      server.enqueue(FakeReply.status(503));
    }
    server.enqueue(FakeReply.text("finally"));
    assertEquals("finally", LlmAssistant.create(runtime).summarize("x"));
    assertEquals(6, server.requestCount());
    // Five waits. The fifth failure also opened summarize's @CircuitBreaker (5 in a row), so the
    // fifth wait is the breaker's open time instead of the backoff (never the backoff and then
    // the breaker, #11), as high-availability allows; the sixth attempt went through as the first
    // of the half-open breaker's three trial calls.
    assertEquals(5, time.waits().size());
    assertTrue(time.waits().get(4).compareTo(Duration.ofSeconds(4)) > 0, time.waits().toString());
    assertEquals(CircuitBreaker.State.HALF_OPEN, runtime.circuitBreaker("openai").state());
  }

  @Test
  void methodsWithoutRetryUseTheDefaultPolicy() {
    server.enqueue(FakeReply.status(500)).enqueue(FakeReply.status(500)).enqueue(FakeReply.status(500));
    LlmException e = assertThrows(LlmException.class, () -> LlmAssistant.create(runtime).names(1, "x"));
    assertEquals(3, e.attempts());
    assertEquals("Assistant.names", e.method());
    assertFalse(e.getMessage().contains("sk-e2e-test-key"));
  }

  @Test
  void nullArgumentIsRejectedBeforeAnyRequest() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> LlmAssistant.create(runtime).summarize(null));
    assertEquals("text == null", e.getMessage());
    assertEquals(0, server.requestCount());
  }

  @Test
  void missingKeyFailsWhenTheClientIsCreated() {
    try (LlmRuntime bare = LlmRuntime.builder().environment(Map.of()).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LlmAssistant.create(bare));
      assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }
  }

  @Test
  void unknownPolicyNameFailsWhenTheClientIsCreated() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LlmMisconfigured.create(runtime));
    assertTrue(e.getMessage().contains("'no-such-policy'"), e.getMessage());
    assertTrue(e.getMessage().contains("Misconfigured.ask"), e.getMessage());
  }

  @Test
  void waitsAreVirtual() {
    server.enqueue(FakeReply.status(429).header("retry-after", "30")).enqueue(FakeReply.text("ok"));
    assertEquals("ok", LlmAssistant.create(runtime).names(1, "x").text());
    assertEquals(Duration.ofSeconds(30), time.waits().get(0));
  }

  @Test
  void inlineRetryOverridesAreInForce() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(FakeReply.status(500));
    }
    server.enqueue(FakeReply.text("fifth time lucky"));
    assertEquals("fifth time lucky", LlmPatient.create(runtime).ask("?"));
    assertEquals(5, server.requestCount());
    // initialDelayMillis = 50, doubling, minus up to 25 % jitter
    Duration first = time.waits().get(0);
    assertTrue(first.toMillis() >= 37 && first.toMillis() <= 50, first.toString());
  }
}
