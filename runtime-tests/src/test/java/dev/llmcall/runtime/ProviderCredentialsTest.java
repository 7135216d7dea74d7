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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extra headers and credentials asked for per attempt, and what stays secret (#14). */
class ProviderCredentialsTest {
  private static final String KEY = "sk-static-key-0123456789";
  private FakeLlmServer server;
  private VirtualScheduler time;
  private final List<LlmRuntime> runtimes = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
  }

  @AfterEach
  void stop() {
    runtimes.forEach(LlmRuntime::close);
    server.close();
  }

  private LlmRuntime runtime(ProviderConfig provider) {
    LlmRuntime runtime = LlmRuntime.builder().provider(provider).scheduler(time)
        .circuitBreaker("probed", CircuitBreakerConfig.builder()
            .failureThreshold(1).healthCheckInterval(Duration.ofSeconds(10)).build())
        .build();
    runtimes.add(runtime);
    return runtime;
  }

  /** Hands out tok-1, tok-2, ... and counts the calls. */
  private static final class Tokens implements Supplier<String> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String get() {
      return "tok-rotating-" + calls.incrementAndGet();
    }
  }

  // ---- Extra headers ----

  @Test
  void extraHeadersGoOnEveryAttemptAndStream() {
    LlmRuntime runtime = runtime(ProviderConfig.openAi(KEY).withBaseUrl(server.openAiBaseUrl())
        .withHeader("OpenAI-Organization", "org-123")
        .withHeader("OpenAI-Project", "proj-old")
        .withHeader("openai-project", "proj-456")); // same name in another case: replaced
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok")).enqueue(FakeReply.stream("a", "b"));
    CallSite site = CallSite.of("A.b", "openai", "gpt-4o-mini");

    assertEquals(2, runtime.bind(site).call(null, "hi").attempts());
    runtime.bind(site).stream(null, "hi").response();

    for (int i = 0; i < 3; i++) {
      RecordedRequest r = server.takeRequest();
      assertEquals("org-123", r.header("openai-organization"), "request " + i);
      assertEquals("proj-456", r.header("openai-project"), "request " + i);
      assertEquals(1, r.headers().get("openai-project").size(), "request " + i);
      assertEquals("Bearer " + KEY, r.header("authorization"), "request " + i);
    }
  }

  @Test
  void anthropicGetsBetaHeadersAndMayChangeItsVersion() {
    LlmRuntime runtime = runtime(ProviderConfig.anthropic(KEY).withBaseUrl(server.anthropicBaseUrl())
        .withHeader("anthropic-beta", "context-1m-2025-08-07")
        .withHeader("anthropic-version", "2099-01-01"));
    runtime.bind(CallSite.of("A.b", "anthropic", "claude-sonnet-4-5")).call(null, "hi");
    RecordedRequest r = server.takeRequest();
    assertEquals("context-1m-2025-08-07", r.header("anthropic-beta"));
    assertEquals(List.of("2099-01-01"), r.headers().get("anthropic-version"));
    assertEquals(KEY, r.header("x-api-key"));
  }

  @Test
  void headersThatCarryTheKeyOrThatLlmcallSetsAreRefused() {
    ProviderConfig openAi = ProviderConfig.openAi(KEY);
    for (String name : List.of("Authorization", "x-api-key", "API-KEY")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> openAi.withHeader(name, "Bearer x"));
      assertTrue(e.getMessage().contains("withCredentials"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> openAi.withSecretHeader(name, "x"));
    }
    for (String name : List.of("Content-Type", "accept", "X-Client-Request-Id", "Host", "Content-Length")) {
      assertThrows(IllegalArgumentException.class, () -> openAi.withHeader(name, "x"), name);
    }
    assertThrows(IllegalArgumentException.class, () -> openAi.withHeader("bad name", "x"));
    assertThrows(IllegalArgumentException.class, () -> openAi.withHeader("X-Ok", "a\r\nX-Evil: 1"));
  }

  @Test
  void headerValuesNeverShowInToStringAndSecretOnesAreRedacted() {
    String gatewayKey = "gw-secret-value-987654";
    ProviderConfig p = ProviderConfig.openAiCompatible("gateway", server.openAiBaseUrl(), null)
        .withHeader("X-Team", "team-visible-in-requests-only")
        .withSecretHeader("cf-aig-authorization", "Bearer " + gatewayKey);
    assertEquals("ProviderConfig{name=gateway, wire=OPENAI_CHAT, baseUrl=" + server.openAiBaseUrl()
        + ", apiKey=<none>, headers=[cf-aig-authorization, X-Team]}", p.toString());
    assertEquals(List.of("cf-aig-authorization", "X-Team"), List.copyOf(p.headerNames()));

    server.enqueue(FakeReply.status(401).body("{\"error\":{\"message\":\"bad gateway token Bearer "
        + gatewayKey + "\",\"code\":\"" + gatewayKey + "\"}}"));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime(p).bind(CallSite.of("A.b", "gateway", "m").retryPolicy("none")).call(null, "hi"));
    assertFalse(e.getMessage().contains(gatewayKey), e.getMessage());
    assertFalse(e.providerCode().orElseThrow().contains(gatewayKey));
    assertEquals("Bearer " + gatewayKey, server.takeRequest().header("cf-aig-authorization"));
  }

  @Test
  void openAiOrganizationAndProjectComeFromTheSdkVariables() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of(
        "OPENAI_API_KEY", KEY,
        "OPENAI_BASE_URL", server.openAiBaseUrl().toString(),
        "OPENAI_ORG_ID", "org-env",
        "OPENAI_PROJECT_ID", "proj-env",
        "XAI_API_KEY", KEY,
        "XAI_BASE_URL", server.openAiBaseUrl().toString())).build();
    runtimes.add(runtime);
    assertEquals(List.of("OpenAI-Organization", "OpenAI-Project"),
        List.copyOf(runtime.provider("openai").headerNames()));
    assertTrue(runtime.provider("xai").headerNames().isEmpty(), "OpenAI's own variables only");
    runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "hi");
    RecordedRequest r = server.takeRequest();
    assertEquals("org-env", r.header("openai-organization"));
    assertEquals("proj-env", r.header("openai-project"));
  }

  // ---- Credentials asked for per attempt ----

  @Test
  void credentialsAreAskedForOncePerAttemptAndEachRequestCarriesItsOwn() {
    Tokens tokens = new Tokens();
    LlmRuntime runtime = runtime(ProviderConfig.openAi(null).withBaseUrl(server.openAiBaseUrl())
        .withCredentials(tokens));
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("ok"));

    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "hi");

    assertEquals(2, r.attempts());
    assertEquals(2, tokens.calls.get(), "one call per attempt");
    assertEquals("Bearer tok-rotating-1", server.takeRequest().header("authorization"));
    assertEquals("Bearer tok-rotating-2", server.takeRequest().header("authorization"));
  }

  @Test
  void asyncAndStreamedAttemptsAskToo() throws Exception {
    Tokens tokens = new Tokens();
    LlmRuntime runtime = runtime(ProviderConfig.anthropic(null).withBaseUrl(server.anthropicBaseUrl())
        .withCredentials(tokens));
    server.enqueue(FakeReply.status(529)).enqueue(FakeReply.text("ok")).enqueue(FakeReply.stream("s"));
    CallSite site = CallSite.of("A.b", "anthropic", "claude-haiku-4-5");

    runtime.bind(site).callAsync(null, "hi").get(10, TimeUnit.SECONDS);
    runtime.bind(site).stream(null, "hi").response();

    assertEquals(3, tokens.calls.get());
    for (int i = 1; i <= 3; i++) {
      assertEquals("tok-rotating-" + i, server.takeRequest().header("x-api-key"));
    }
  }

  @Test
  void everyCredentialUsedIsRedactedEvenWhenTheProviderEchoesIt() {
    Tokens tokens = new Tokens();
    LlmRuntime runtime = runtime(ProviderConfig.openAi(null).withBaseUrl(server.openAiBaseUrl())
        .withCredentials(tokens));
    server.enqueue(FakeReply.status(503))
        .enqueue(FakeReply.status(401).header("x-request-id", "req-tok-rotating-2").body(
            "{\"error\":{\"message\":\"Token tok-rotating-2 expired (tok-rotating-1 was revoked)\","
                + "\"code\":\"tok-rotating-2\"}}"));

    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "hi"));

    assertEquals(ErrorCategory.AUTHENTICATION, e.category());
    assertEquals(2, e.attempts());
    for (String s : List.of(e.getMessage(), e.toString(), e.detail(), e.providerCode().orElseThrow(),
        e.requestId().orElseThrow())) {
      assertFalse(s.contains("tok-rotating"), s);
    }
    assertTrue(e.detail().contains("[redacted]"), e.detail());
  }

  @Test
  void aFailingOrEmptySupplierEndsTheCallBeforeAnythingIsSent() {
    LlmRuntime runtime = runtime(ProviderConfig.openAi(null).withBaseUrl(server.openAiBaseUrl())
        .withCredentials(() -> {
          throw new IllegalStateException("vault down");
        }));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "m")).call(null, "hi"));
    assertEquals(ErrorCategory.AUTHENTICATION, e.category());
    assertFalse(e.retryable());
    assertEquals("vault down", e.getCause().getMessage());
    assertTrue(e.detail().contains("credentials of provider 'openai' threw"), e.detail());

    LlmRuntime empty = runtime(ProviderConfig.openAi(null).withBaseUrl(server.openAiBaseUrl())
        .withCredentials(() -> null));
    CompletionException none = assertThrows(CompletionException.class,
        () -> empty.bind(CallSite.of("A.b", "openai", "m")).textAsync(null, "hi").join());
    assertEquals(ErrorCategory.AUTHENTICATION, ((LlmException) none.getCause()).category());
    assertEquals(0, server.requestCount());
  }

  @Test
  void credentialsSatisfyTheKeyCheckAndStayOutOfToString() {
    ProviderConfig p = ProviderConfig.openAi(KEY).withCredentials(() -> "tok-abc-123");
    assertTrue(p.hasApiKey());
    assertTrue(p.toString().contains("apiKey=<supplied>"), p.toString());
    assertFalse(p.toString().contains("tok-abc"), p.toString());
    assertFalse(p.withApiKey(KEY).toString().contains("<supplied>"));
    runtime(p.withBaseUrl(server.openAiBaseUrl())).bind(CallSite.of("A.b", "openai", "m"));
  }

  // ---- Health probes ----

  @Test
  void healthProbesCarryTheHeadersAndAFreshCredential() throws Exception {
    Tokens tokens = new Tokens();
    LlmRuntime runtime = runtime(ProviderConfig.openAi(null).withBaseUrl(server.openAiBaseUrl())
        .withHeader("OpenAI-Project", "proj-probe").withCredentials(tokens));
    server.enqueue(FakeReply.status(503));
    assertThrows(LlmException.class, () -> runtime.bind(
        CallSite.of("A.b", "openai", "m").retryPolicy("none").circuitBreaker("probed")).call(null, "hi"));
    assertEquals(CircuitBreaker.State.OPEN, runtime.circuitBreaker("probed").state());
    server.takeRequest();

    time.advance(Duration.ofSeconds(10));

    RecordedRequest probe = server.takeRequest();
    assertEquals("GET", probe.method());
    assertEquals("/v1/models", probe.path());
    assertEquals("proj-probe", probe.header("openai-project"));
    assertEquals("Bearer tok-rotating-2", probe.header("authorization"));
    assertNull(probe.header("x-api-key"));
  }
}
