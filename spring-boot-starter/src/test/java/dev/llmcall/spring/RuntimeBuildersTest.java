package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.LlmRuntime;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How properties and the process environment combine into the runtime (#14). */
class RuntimeBuildersTest {
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "OPENAI_API_KEY", "env-key",
      "LOCAL_VLLM_API_KEY", "vllm-key",
      "XAI_API_KEY", "xai-key");
  private static final URI PROXY = URI.create("https://proxy.example/v1");

  @Test
  void aProviderWithOnlyABaseUrlKeepsItsKeyFromTheEnvironment() {
    try (LlmRuntime runtime = RuntimeBuilders.from(properties(true), ENVIRONMENT).build()) {
      assertEquals(PROXY, runtime.provider("openai").baseUrl());
      assertTrue(runtime.provider("openai").hasApiKey());
      assertTrue(runtime.provider("local-vllm").hasApiKey());
      // Not configured by a property: read from the environment as fromEnvironment() does.
      assertTrue(runtime.provider("xai").hasApiKey());
    }
  }

  @Test
  void withoutTheEnvironmentOnlyPropertiesCount() {
    try (LlmRuntime runtime = RuntimeBuilders.from(properties(false), ENVIRONMENT).build()) {
      assertFalse(runtime.provider("openai").hasApiKey());
      assertFalse(runtime.provider("local-vllm").hasApiKey());
      assertFalse(runtime.provider("xai").hasApiKey());
    }
  }

  private static LlmProperties properties(boolean readEnvironment) {
    return new LlmProperties(readEnvironment,
        Map.of("openai", new LlmProperties.Provider(null, null, PROXY),
            "local-vllm", new LlmProperties.Provider(null, null, URI.create("http://127.0.0.1:9/v1"))),
        null, null, null, new LlmProperties.Stream(null, null, null), null, null,
        emptyBreaker(), null, new LlmProperties.Clients(true));
  }

  private static LlmProperties.CircuitBreaker emptyBreaker() {
    return new LlmProperties.CircuitBreaker(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
