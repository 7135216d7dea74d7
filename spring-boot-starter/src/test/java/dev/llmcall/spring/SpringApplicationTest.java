package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A whole Spring Boot application, as a user has it: the starter is found through
 * {@code AutoConfiguration.imports}, next to Spring Boot's own auto-configurations, whose AOP
 * settings make {@code @EnableCaching} proxy by class (#14).
 */
class SpringApplicationTest {

  @Test
  void anApplicationGetsTheRuntimeClientsAndHealth() {
    Greeter greeter;
    try (FakeLlmServer server = FakeLlmServer.start()) {
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
          .web(WebApplicationType.NONE)
          .properties(
              "llmcall.read-environment=false",
              "llmcall.providers.openai.api-key=test-key",
              "llmcall.providers.openai.base-url=" + server.openAiBaseUrl())
          .run()) {
        server.enqueue(FakeReply.text("Hello, Ada!")).enqueue(FakeReply.text("Short."));
        greeter = context.getBean(Greeter.class);
        assertEquals("Hello, Ada!", greeter.greet("Ada"));
        // Spring Boot proxies by class unless told otherwise: a CGLIB subclass of LlmSummarizer.
        Summarizer summarizer = context.getBean(Summarizer.class);
        assertTrue(AopUtils.isCglibProxy(summarizer), summarizer.getClass().getName());
        assertEquals("Short.", summarizer.summarize("text"));
        assertEquals("Short.", summarizer.summarize("text"));
        context.getBean(LlmRuntime.class).circuitBreaker("openai").forceOpen();
        assertEquals(Status.OUT_OF_SERVICE,
            context.getBean("llmcallHealthIndicator", HealthIndicator.class).health().getStatus());
      }
      // Closing the application closed the runtime.
      LlmException e = assertThrows(LlmException.class, () -> greeter.greet("Bob"));
      assertFalse(e.retryable());
      assertEquals(2, server.requestCount());
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class App {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager("summaries");
    }
  }
}
