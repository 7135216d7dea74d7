package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.VirtualScheduler;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI against the fake server, which answers any path ending in {@code
 * /chat/completions} in OpenAI's format, as Azure does (#14).
 */
class AzureOpenAiTest {
  private static final String KEY = "azure-key-0123456789abcdef";
  /** Azure's 400 for a prompt its content filter blocked, as the REST reference shows it. */
  private static final String CONTENT_FILTER_400 = """
      {"error": {"message": "The response was filtered due to the prompt triggering Azure \
      OpenAI's content management policy. Please modify your prompt and retry.", "type": null, \
      "param": "prompt", "code": "content_filter", "status": 400, "innererror": {"code": \
      "ResponsibleAIPolicyViolation", "content_filter_result": {"hate": {"filtered": false, \
      "severity": "safe"}, "self_harm": {"filtered": false, "severity": "safe"}, "sexual": \
      {"filtered": false, "severity": "safe"}, "violence": {"filtered": true, "severity": \
      "medium"}}}}}""";
  /** A 200 whose completion the filter cut, with Azure's filter annotations. */
  private static final String FILTERED_200 = """
      {"id": "chatcmpl-az1", "object": "chat.completion", "created": 1760000000, \
      "model": "gpt-4o-2024-08-06", "prompt_filter_results": [{"prompt_index": 0, \
      "content_filter_results": {"hate": {"filtered": false, "severity": "safe"}}}], \
      "choices": [{"index": 0, "finish_reason": "content_filter", "message": {"role": \
      "assistant", "content": "Part of the"}, "content_filter_results": {"violence": \
      {"filtered": true, "severity": "high"}}}], \
      "usage": {"prompt_tokens": 20, "completion_tokens": 3, "total_tokens": 23}}""";

  private FakeLlmServer server;
  private URI endpoint;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    endpoint = server.openAiBaseUrl().resolve("/"); // Azure's endpoint is the resource's root
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.azureOpenAi(endpoint, KEY))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void requestGoesToTheDeploymentWithApiVersionAndApiKey() {
    server.enqueue(FakeReply.text("Hi.").model("gpt-4o-2024-08-06").header("apim-request-id", "apim-42"));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "azure", "my-gpt4o").maxTokens(20))
        .call("Be brief.", "hello");

    RecordedRequest req = server.takeRequest();
    assertEquals("POST", req.method());
    assertEquals("/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21", req.path());
    assertEquals(KEY, req.header("api-key"));
    assertNull(req.header("authorization"));
    assertEquals("my-gpt4o", req.json().path("model").asText());
    assertEquals(20, req.json().path("max_tokens").asInt());
    assertEquals("Hi.", r.text());
    assertEquals("azure", r.provider());
    assertEquals("gpt-4o-2024-08-06", r.model());
    assertEquals("apim-42", r.requestId());
  }

  @Test
  void apiVersionAndDeploymentNamesAreConfigurableAndEncoded() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.azureOpenAi(endpoint, KEY).withApiVersion("2025-04-01-preview"))
        .build();
    runtime.bind(CallSite.of("A.b", "azure", "team a.gpt-4o")).call(null, "hi");
    assertEquals("/openai/deployments/team%20a.gpt-4o/chat/completions?api-version=2025-04-01-preview",
        server.takeRequest().path());
    assertThrows(IllegalStateException.class, () -> ProviderConfig.openAi(KEY).withApiVersion("1"));
    assertThrows(IllegalArgumentException.class,
        () -> ProviderConfig.azureOpenAi(endpoint, KEY).withApiVersion("2024&x=1"));
  }

  @Test
  void streamsGoToTheSameDeployment() {
    server.enqueue(FakeReply.stream("Hel", "lo"));
    assertEquals("Hello", runtime.bind(CallSite.of("A.b", "azure", "dep")).stream(null, "hi").response().text());
    RecordedRequest req = server.takeRequest();
    assertEquals("/openai/deployments/dep/chat/completions?api-version=2024-10-21", req.path());
    assertEquals("text/event-stream", req.header("accept"));
    assertEquals(KEY, req.header("api-key"));
  }

  @Test
  void contentFilterErrorIsANonRetryableContentFilterFailure() {
    server.enqueue(FakeReply.status(400).body(CONTENT_FILTER_400));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "azure", "dep").retryPolicy("high-availability"))
            .call(null, "something violent"));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertFalse(e.retryable());
    assertEquals("content_filter", e.providerCode().orElseThrow());
    assertTrue(e.detail().startsWith("The response was filtered"), e.detail());
    assertEquals(1, server.requestCount(), "never retried");
  }

  @Test
  void contentFilterFinishIsAResultOrAFailureByShape() {
    server.enqueue(FakeReply.text("x").body(FILTERED_200));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "azure", "dep")).call(null, "bad");
    assertEquals(FinishReason.CONTENT_FILTER, r.finishReason());
    assertTrue(r.filtered());
    assertEquals("Part of the", r.text());
    assertEquals(new Usage(20, 3), r.usage());

    server.enqueue(FakeReply.text("x").body(FILTERED_200));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "azure", "dep")).text(null, "bad"));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertEquals("Part of the", e.partialText().orElseThrow());
  }

  @Test
  void keyEchoedInAnErrorIsRedacted() {
    server.enqueue(FakeReply.status(401).body("{\"error\":{\"code\":\"401\",\"message\":\"Access denied"
        + " due to invalid subscription key " + KEY + ".\"}}"));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "azure", "dep")).call(null, "hi"));
    assertEquals(ErrorCategory.AUTHENTICATION, e.category());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void resolvedFromTheOfficialSdkVariables() {
    LlmRuntime fromEnv = LlmRuntime.builder().environment(Map.of(
        "AZURE_OPENAI_ENDPOINT", endpoint.toString(),
        "AZURE_OPENAI_API_KEY", KEY,
        "OPENAI_API_VERSION", "2025-01-01-preview")).build();
    try (fromEnv) {
      ProviderConfig p = fromEnv.provider("azure");
      assertEquals(ProviderConfig.Wire.AZURE_OPENAI_CHAT, p.wire());
      assertEquals("2025-01-01-preview", p.apiVersion());
      assertEquals("AZURE_OPENAI_API_KEY", p.apiKeyVariable());
      assertFalse(p.toString().contains(KEY), p.toString());
      fromEnv.bind(CallSite.of("A.b", "azure", "dep")).call(null, "hi");
      RecordedRequest req = server.takeRequest();
      assertEquals("/openai/deployments/dep/chat/completions?api-version=2025-01-01-preview", req.path());
      assertEquals(KEY, req.header("api-key"));
    }
  }

  @Test
  void missingEndpointOrKeyFailsAtBindNamingTheVariables() {
    LlmRuntime none = LlmRuntime.builder().environment(Map.of("AZURE_OPENAI_API_KEY", KEY)).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> none.bind(CallSite.of("A.b", "azure", "dep")));
    assertTrue(e.getMessage().contains("AZURE_OPENAI_ENDPOINT"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());

    LlmRuntime noKey = LlmRuntime.builder()
        .environment(Map.of("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com")).build();
    IllegalStateException k = assertThrows(IllegalStateException.class,
        () -> noKey.bind(CallSite.of("A.b", "azure", "dep")));
    assertTrue(k.getMessage().contains("AZURE_OPENAI_API_KEY"), k.getMessage());
  }

  @Test
  void entraIdTokensAreBearerTokensAskedForPerAttempt() {
    AtomicInteger asked = new AtomicInteger();
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.azureOpenAi(endpoint, null)
            .withEntraIdToken(() -> "eyJ-entra-token-" + asked.incrementAndGet()))
        .scheduler(new VirtualScheduler())
        .build();
    server.enqueue(FakeReply.status(429)).enqueue(FakeReply.text("ok"));
    assertEquals(2, runtime.bind(CallSite.of("A.b", "azure", "dep")).call(null, "hi").attempts());
    for (int i = 1; i <= 2; i++) {
      RecordedRequest req = server.takeRequest();
      assertEquals("Bearer eyJ-entra-token-" + i, req.header("authorization"));
      assertNull(req.header("api-key"));
    }
    assertTrue(runtime.provider("azure").toString().contains("<Entra ID token>"));
    assertThrows(IllegalStateException.class,
        () -> ProviderConfig.openAi(null).withEntraIdToken(() -> "t"));
    // A key given afterwards goes back to api-key.
    assertFalse(runtime.provider("azure").withApiKey(KEY).toString().contains("Entra"));
  }

  @Test
  void anEntraIdTokenFromTheEnvironmentIsUsedWhenThereIsNoKey() {
    LlmRuntime fromEnv = LlmRuntime.builder().environment(Map.of(
        "AZURE_OPENAI_ENDPOINT", endpoint.toString(),
        "AZURE_OPENAI_AD_TOKEN", "eyJ-env-token")).build();
    try (fromEnv) {
      fromEnv.bind(CallSite.of("A.b", "azure", "dep")).call(null, "hi");
      RecordedRequest req = server.takeRequest();
      assertEquals("Bearer eyJ-env-token", req.header("authorization"));
      assertNull(req.header("api-key"));
    }
  }

  @Test
  void healthProbeListsTheResourcesModelsWithTheKey() throws Exception {
    runtime.close();
    VirtualScheduler time = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.azureOpenAi(endpoint, KEY).withHeader("x-ms-client-tag", "t1"))
        .scheduler(time)
        .circuitBreaker("azure", CircuitBreakerConfig.builder().failureThreshold(1)
            .healthCheckInterval(java.time.Duration.ofSeconds(5)).build())
        .build();
    server.enqueue(FakeReply.status(500));
    assertThrows(LlmException.class, () -> runtime.bind(CallSite.of("A.b", "azure", "dep")
        .retryPolicy("none").circuitBreaker("azure")).call(null, "hi"));
    server.takeRequest();
    time.advance(java.time.Duration.ofSeconds(5));
    RecordedRequest probe = server.takeRequest();
    assertEquals("GET", probe.method());
    assertEquals("/openai/models?api-version=2024-10-21", probe.path());
    assertEquals(KEY, probe.header("api-key"));
    assertEquals("t1", probe.header("x-ms-client-tag"));
  }
}
