package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.RetryOverrides;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmRuntimeTest {
  private static final String SECRET = "sk-test-0123456789abcdef";

  @Test
  void missingKeyFailsAtBindNamingTheVariableAndMethod() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of()).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.bind(CallSite.of("Assistant.summarize", "openai", "gpt-4o-mini")));
    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("Assistant.summarize"), e.getMessage());
  }

  @Test
  void missingAnthropicKeyNamesItsVariable() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of("OPENAI_API_KEY", SECRET)).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.bind(CallSite.of("A.b", "anthropic", "claude-sonnet-4-5")));
    assertTrue(e.getMessage().contains("ANTHROPIC_API_KEY"), e.getMessage());
  }

  @Test
  void unknownRetryPolicyFailsAtBindNamingMethodPolicyAndKnownNames() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of("OPENAI_API_KEY", SECRET)).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.bind(CallSite.of("Assistant.summarize", "openai", "m").retryPolicy("agressive")));
    assertTrue(e.getMessage().contains("'agressive'"), e.getMessage());
    assertTrue(e.getMessage().contains("Assistant.summarize"), e.getMessage());
    assertTrue(e.getMessage().contains("[cost-sensitive, default, development, high-availability, none]"),
        e.getMessage());
  }

  @Test
  void registeredPolicyResolves() {
    RetryPolicy patient = RetryPolicy.builder().maxAttempts(9).build();
    LlmRuntime runtime = LlmRuntime.builder()
        .environment(Map.of("OPENAI_API_KEY", SECRET))
        .retryPolicy("patient", patient)
        .build();
    runtime.bind(CallSite.of("A.b", "openai", "m").retryPolicy("patient"));
    assertEquals(patient, runtime.retryPolicy("patient"));
  }

  @Test
  void environmentBaseUrlOverridesBuiltIn() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of(
        "OPENAI_API_KEY", SECRET, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1/")).build();
    ProviderConfig p = runtime.provider("openai");
    assertEquals(URI.create("http://127.0.0.1:9/v1"), p.baseUrl());
    assertTrue(p.hasApiKey());
  }

  @Test
  void otherProviderNamesComeFromTheirBaseUrlVariable() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of(
        "LOCAL_VLLM_BASE_URL", "http://127.0.0.1:8000/v1")).build();
    ProviderConfig p = runtime.provider("local-vllm");
    assertEquals(ProviderConfig.Wire.OPENAI_CHAT, p.wire());
    assertFalse(p.requiresApiKey());
    runtime.bind(CallSite.of("A.b", "local-vllm", "llama")); // no key needed
    assertNull(runtime.provider("unknown"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.bind(CallSite.of("A.b", "unknown", "m")));
    assertTrue(e.getMessage().contains("UNKNOWN_BASE_URL"), e.getMessage());
  }

  @Test
  void builderProviderWinsOverEnvironment() {
    LlmRuntime runtime = LlmRuntime.builder()
        .environment(Map.of("OPENAI_API_KEY", "sk-env-aaaaaaaa"))
        .provider(ProviderConfig.openAi(SECRET).withBaseUrl(URI.create("http://127.0.0.1:1/v1")))
        .build();
    assertEquals(URI.create("http://127.0.0.1:1/v1"), runtime.provider("openai").baseUrl());
  }

  @Test
  void keysNeverAppearInToString() {
    LlmRuntime runtime = LlmRuntime.builder().provider(ProviderConfig.openAi(SECRET)).build();
    assertFalse(runtime.toString().contains(SECRET), runtime.toString());
    assertFalse(ProviderConfig.anthropic(SECRET).toString().contains(SECRET));
    assertTrue(ProviderConfig.anthropic(SECRET).toString().contains("<redacted>"));
  }

  @Test
  void providerConfigRejectsBadNamesAndUrls() {
    assertThrows(IllegalArgumentException.class,
        () -> ProviderConfig.openAiCompatible("has space", URI.create("http://x/v1"), null));
    assertThrows(IllegalArgumentException.class,
        () -> ProviderConfig.openAiCompatible("ok", URI.create("ftp://x/v1"), null));
  }

  @Test
  void outOfRangeRetryOverrideFailsAtBindNamingTheMethod() {
    LlmRuntime runtime = LlmRuntime.builder().environment(Map.of("OPENAI_API_KEY", SECRET)).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runtime.bind(
        CallSite.of("A.b", "openai", "m").retryOverrides(RetryOverrides.NONE.jitter(3))));
    assertTrue(e.getMessage().contains("A.b"), e.getMessage());
    assertTrue(e.getMessage().contains("jitter"), e.getMessage());
  }

  @Test
  void callsAfterCloseFailAtOnceWithoutTraffic() throws Exception {
    try (dev.llmcall.testkit.FakeLlmServer server = dev.llmcall.testkit.FakeLlmServer.start()) {
      LlmRuntime runtime = LlmRuntime.builder()
          .provider(ProviderConfig.openAi("k").withBaseUrl(server.openAiBaseUrl()))
          .build();
      dev.llmcall.runtime.spi.BoundCall call = runtime.bind(CallSite.of("A.b", "openai", "m"));
      runtime.close();

      LlmException sync = assertThrows(LlmException.class, () -> call.call(null, "x"));
      assertFalse(sync.retryable());
      assertTrue(sync.detail().contains("LlmRuntime is closed"), sync.detail());
      java.util.concurrent.ExecutionException async = assertThrows(
          java.util.concurrent.ExecutionException.class,
          () -> call.textAsync(null, "x").get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(async.getCause() instanceof LlmException, String.valueOf(async.getCause()));
      LlmStream stream = call.stream(null, "x");
      LlmException streamed = assertThrows(LlmException.class, () -> stream.text().count());
      assertTrue(streamed.detail().contains("LlmRuntime is closed"), streamed.detail());
      java.util.concurrent.CompletableFuture<Throwable> published = new java.util.concurrent.CompletableFuture<>();
      call.publisher(null, "x").subscribe(new java.util.concurrent.Flow.Subscriber<String>() {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
          s.request(1);
        }

        @Override
        public void onNext(String item) {
          published.complete(new AssertionError("a chunk after close: " + item));
        }

        @Override
        public void onError(Throwable t) {
          published.complete(t);
        }

        @Override
        public void onComplete() {
          published.complete(null);
        }
      });
      Throwable t = published.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(t instanceof LlmException && t.getMessage().contains("closed"), String.valueOf(t));
      assertEquals(0, server.requestCount());
    }
  }
}
