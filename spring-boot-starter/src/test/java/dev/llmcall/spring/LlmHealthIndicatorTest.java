package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The circuit breakers as health, in an application context (#14). */
class LlmHealthIndicatorTest {
  private final FakeLlmServer server = FakeLlmServer.start();
  private final ApplicationContextRunner runner = TestContexts.against(server);

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void upWhileEveryBreakerIsClosed() {
    runner.run(context -> {
      Health health = context.getBean("llmcallHealthIndicator", HealthIndicator.class).health();
      assertEquals(Status.UP, health.getStatus());
      // The Greeter bean's constructor created the "openai" breaker.
      assertEquals(Map.of("openai", Map.of("state", "CLOSED")), health.getDetails().get("circuitBreakers"));
    });
  }

  @Test
  void outOfServiceWhileABreakerIsForcedOpen() {
    runner.run(context -> {
      context.getBean(LlmRuntime.class).circuitBreaker("x").forceOpen();
      Health health = context.getBean(LlmHealthIndicator.class).health();
      assertEquals(Status.OUT_OF_SERVICE, health.getStatus());
      Map<?, ?> breakers = (Map<?, ?>) health.getDetails().get("circuitBreakers");
      assertEquals(Map.of("state", "FORCED_OPEN", "rejectedCalls", 0L), breakers.get("x"));
      assertEquals(Map.of("state", "CLOSED"), breakers.get("openai"));
    });
  }

  @Test
  void downWhileABreakerIsOpen() {
    server.enqueue(FakeReply.status(500));
    runner.withPropertyValues(
            "llmcall.default-retry-policy=none",
            "llmcall.circuit-breakers.openai.failure-threshold=1")
        .run(context -> {
          assertThrows(LlmException.class, () -> context.getBean(Greeter.class).greet("Ada"));
          Health health = context.getBean(LlmHealthIndicator.class).health();
          assertEquals(Status.DOWN, health.getStatus());
          Map<?, ?> openai = (Map<?, ?>) ((Map<?, ?>) health.getDetails().get("circuitBreakers"))
              .get("openai");
          assertEquals("OPEN", openai.get("state"));
          assertTrue(openai.containsKey("remainingOpenTime"), openai.toString());
          // A later forced-open breaker does not hide the failing one.
          context.getBean(LlmRuntime.class).circuitBreaker("x").forceOpen();
          assertEquals(Status.DOWN, context.getBean(LlmHealthIndicator.class).health().getStatus());
        });
  }

  @Test
  void absentWithoutSpringBootHealth() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertEquals(0, context.getBeanNamesForType(LlmHealthIndicator.class).length));
  }

  @Test
  void canBeTurnedOff() {
    runner.withPropertyValues("management.health.llmcall.enabled=false")
        .run(context -> assertEquals(0, context.getBeanNamesForType(LlmHealthIndicator.class).length));
  }
}
