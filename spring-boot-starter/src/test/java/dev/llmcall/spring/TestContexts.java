package dev.llmcall.spring;

import dev.llmcall.testkit.FakeLlmServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Application contexts with llmcall's auto-configuration, talking to a fake provider. */
final class TestContexts {
  private TestContexts() {}

  /**
   * The auto-configuration, with "openai" at {@code server} and the process environment ignored,
   * so that a developer's real OPENAI_API_KEY cannot leak into a test.
   */
  static ApplicationContextRunner against(FakeLlmServer server) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
        .withPropertyValues(
            "llmcall.read-environment=false",
            "llmcall.providers.openai.api-key=test-key",
            "llmcall.providers.openai.base-url=" + server.openAiBaseUrl());
  }
}
