package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration in a real application context, against the fake provider (#14). */
class LlmAutoConfigurationTest {
  private final FakeLlmServer server = FakeLlmServer.start();
  private final ApplicationContextRunner runner = TestContexts.against(server);

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void isListedForSpringBootToFind() {
    assertTrue(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
        .getCandidates().contains(LlmAutoConfiguration.class.getName()));
  }

  @Test
  void generatedClientIsInjectedAndAnswers() {
    server.enqueue(FakeReply.text("Hello, Ada!"));
    runner.run(context -> {
      assertEquals("Hello, Ada!", context.getBean(Greeter.class).greet("Ada"));
      RecordedRequest request = server.takeRequest();
      assertEquals("/v1/chat/completions", request.path());
      assertEquals("Bearer test-key", request.header("authorization"));
      // Both clients on the class path are beans, named by their interfaces.
      assertEquals(Set.of(Greeter.class.getName()),
          Set.of(context.getBeanNamesForType(Greeter.class)));
      assertNotNull(context.getBean(Summarizer.class));
    });
  }

  @Test
  void propertiesBindIntoTheRuntime() {
    runner.withPropertyValues(
            "llmcall.providers.local-vllm.base-url=http://127.0.0.1:9/v1",
            "llmcall.providers.anthropic.api-key=a-key",
            "llmcall.connect-timeout=2s",
            "llmcall.request-timeout=90s",
            "llmcall.max-response-size=1MB",
            "llmcall.stream.first-token=20s",
            "llmcall.default-retry-policy=patient",
            "llmcall.retry-policies.patient.max-attempts=6",
            "llmcall.retry-policies.patient.initial-delay=2s",
            "llmcall.retry-policies.patient.multiplier=3",
            "llmcall.retry-policies.patient.max-delay=20s",
            "llmcall.retry-policies.patient.retry-on=server-error,timeout",
            "llmcall.retry-policies.patient.timeout=5m",
            "llmcall.retry-policies.patient.wait-on-open-circuit=true",
            "llmcall.retry-policies.high-availability.max-attempts=7",
            "llmcall.retry-policies.quick.base=none",
            "llmcall.default-circuit-breaker.open-duration=10s",
            "llmcall.circuit-breakers.openai.failure-threshold=3",
            "llmcall.circuit-breakers.openai.window-duration=60s",
            "llmcall.circuit-breakers.openai.health-check-interval=15s")
        .run(context -> {
          LlmRuntime runtime = context.getBean(LlmRuntime.class);
          assertFalse(context.getBean(LlmProperties.class).toString().contains("test-key"),
              "keys are redacted");

          ProviderConfig vllm = runtime.provider("local-vllm");
          assertEquals(ProviderConfig.Wire.OPENAI_CHAT, vllm.wire());
          assertEquals(URI.create("http://127.0.0.1:9/v1"), vllm.baseUrl());
          assertFalse(vllm.hasApiKey());
          assertEquals(ProviderConfig.ANTHROPIC_BASE_URL, runtime.provider("anthropic").baseUrl());
          assertEquals(server.openAiBaseUrl().toString().replaceAll("/$", ""),
              runtime.provider("openai").baseUrl().toString());

          RetryPolicy patient = runtime.retryPolicy("patient");
          assertEquals(6, patient.maxAttempts());
          assertEquals(Duration.ofSeconds(2), patient.initialDelay());
          assertEquals(3.0, patient.multiplier());
          assertEquals(Duration.ofSeconds(20), patient.maxDelay());
          assertEquals(Set.of(ErrorCategory.SERVER_ERROR, ErrorCategory.TIMEOUT), patient.retryOn());
          assertEquals(Duration.ofMinutes(5), patient.timeout());
          assertTrue(patient.waitOnOpenCircuit());
          // A built-in name adjusts the built-in policy; base names the one to start from.
          assertEquals(RetryPolicy.highAvailability().toBuilder().maxAttempts(7).build(),
              runtime.retryPolicy("high-availability"));
          assertEquals(RetryPolicy.none(), runtime.retryPolicy("quick"));

          CircuitBreakerConfig openai = runtime.circuitBreaker("openai").config();
          assertEquals(3, openai.failureThreshold());
          assertEquals(CircuitBreakerConfig.SlidingWindow.time(Duration.ofSeconds(60)),
              openai.window());
          assertEquals(Duration.ofSeconds(15), openai.healthCheckInterval());
          assertEquals(Duration.ofSeconds(10), openai.openDuration(), "from the default breaker");
          assertEquals(Duration.ofSeconds(10), runtime.circuitBreaker("other").config().openDuration());
        });
  }

  @Test
  void methodsWithoutRetryUseTheConfiguredDefaultPolicy() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("second"));
    runner.withPropertyValues("llmcall.default-retry-policy=none")
        .run(context -> {
          LlmException e = assertThrows(LlmException.class,
              () -> context.getBean(Greeter.class).greet("Ada"));
          assertEquals(1, e.attempts());
          assertEquals(1, server.requestCount());
        });
  }

  @Test
  void aBadValueFailsStartupNamingTheProperty() {
    runner.withPropertyValues("llmcall.retry-policies.patient.max-attempts=0")
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          assertNotNull(failure);
          assertTrue(messages(failure).contains("Invalid llmcall.retry-policies.patient: maxAttempts < 1"),
              messages(failure));
        });
    runner.withPropertyValues("llmcall.providers.local-vllm.api-key=k")
        .run(context -> assertTrue(messages(context.getStartupFailure())
            .contains("Invalid llmcall.providers.local-vllm: base-url is required")));
    runner.withPropertyValues("llmcall.providers.local-vllm.base-url=http://127.0.0.1:9/v1",
            "llmcall.providers.local-vllm.wire=anthropic-messages")
        .run(context -> assertTrue(messages(context.getStartupFailure())
            .contains("wire ANTHROPIC_MESSAGES does not fit")));
  }

  @Test
  void runtimeIsClosedWithTheContext() {
    AtomicReference<Greeter> greeter = new AtomicReference<>();
    runner.run(context -> greeter.set(context.getBean(Greeter.class)));
    // The context is closed now: a call fails at once, without network traffic.
    LlmException e = assertThrows(LlmException.class, () -> greeter.get().greet("Ada"));
    assertFalse(e.retryable());
    assertEquals(0, server.requestCount());
  }

  @Test
  void anApplicationRuntimeWinsAndClientsUseIt() {
    runner.withUserConfiguration(OwnRuntime.class).run(context -> {
      assertSame(context.getBean("ownRuntime"), context.getBean(LlmRuntime.class));
      context.getBean(Greeter.class).greet("Ada");
      assertEquals("Bearer own-key", server.takeRequest().header("authorization"));
    });
  }

  @Test
  void customizersAdjustTheBuilderAfterTheProperties() {
    runner.withPropertyValues("llmcall.retry-policies.custom.max-attempts=2")
        .withBean(LlmRuntimeCustomizer.class, () -> builder ->
            builder.retryPolicy("custom", RetryPolicy.builder().maxAttempts(9).build()))
        .run(context ->
            assertEquals(9, context.getBean(LlmRuntime.class).retryPolicy("custom").maxAttempts()));
  }

  @Test
  void anApplicationBeanOfAClientInterfaceWins() {
    runner.withUserConfiguration(OwnGreeter.class).run(context -> {
      assertEquals(Set.of("ownGreeter"), Set.of(context.getBeanNamesForType(Greeter.class)));
      assertEquals("hi Ada", context.getBean(Greeter.class).greet("Ada"));
    });
  }

  @Test
  void clientRegistrationCanBeTurnedOff() {
    runner.withPropertyValues("llmcall.clients.enabled=false").run(context -> {
      assertEquals(0, context.getBeanNamesForType(Greeter.class).length);
      assertNotNull(context.getBean(LlmRuntime.class));
    });
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRuntime {
    @Bean
    LlmRuntime ownRuntime(org.springframework.core.env.Environment env) {
      return LlmRuntime.builder()
          .provider(ProviderConfig.openAi("own-key")
              .withBaseUrl(URI.create(env.getProperty("llmcall.providers.openai.base-url"))))
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnGreeter {
    @Bean
    Greeter ownGreeter() {
      return name -> "hi " + name;
    }
  }
}
