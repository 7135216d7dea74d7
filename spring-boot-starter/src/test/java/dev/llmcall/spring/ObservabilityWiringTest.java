package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Micrometer and OpenTelemetry wired when the application has them (#14). */
class ObservabilityWiringTest {
  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Tracing {
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Bean
    OpenTelemetry openTelemetry() {
      return OpenTelemetrySdk.builder()
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
          .build();
    }
  }

  @Test
  void aMeterRegistryGetsTheGenAiMeters() {
    server.enqueue(FakeReply.text("Hello, Ada!").usage(5, 3));
    TestContexts.against(server).withUserConfiguration(Registry.class).run(context -> {
      assertEquals("Hello, Ada!", context.getBean(Greeter.class).greet("Ada"));
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertNotNull(registry.find("gen_ai.client.operation.duration").timer(),
          () -> "meters: " + registry.getMeters().stream().map(m -> m.getId().getName()).toList());
      assertEquals(1, registry.find("gen_ai.client.operation.duration").timer().count());
    });
  }

  @Test
  void anOpenTelemetryBeanGetsASpanPerCallAndTraceContextOnTheRequest() {
    Tracing.SPANS.reset();
    server.enqueue(FakeReply.text("Hello, Ada!"));
    TestContexts.against(server).withUserConfiguration(Tracing.class).run(context -> {
      assertEquals("Hello, Ada!", context.getBean(Greeter.class).greet("Ada"));
      List<SpanData> spans = Tracing.SPANS.getFinishedSpanItems();
      assertEquals(1, spans.size(), spans::toString);
      String traceparent = server.takeRequest().header("traceparent");
      assertNotNull(traceparent, "the attempt carried the span's trace context");
      assertTrue(traceparent.contains(spans.get(0).getTraceId()), traceparent);
    });
  }

  @Test
  void withoutEitherNothingIsWired() {
    server.enqueue(FakeReply.text("Hello, Ada!"));
    TestContexts.against(server).run(context -> {
      assertEquals("Hello, Ada!", context.getBean(Greeter.class).greet("Ada"));
      assertEquals(null, server.takeRequest().header("traceparent"));
    });
  }
}
