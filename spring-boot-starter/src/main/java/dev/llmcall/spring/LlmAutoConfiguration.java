package dev.llmcall.spring;

import dev.llmcall.runtime.LlmRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * llmcall for Spring Boot: an {@link LlmRuntime} built from the {@code llmcall.*} properties (unless
 * the application defines its own), closed with the context; a bean for every generated client on
 * the class path; and, with Spring Boot's health support present, a health indicator named
 * {@code llmcall} that reports the circuit breakers.
 */
@AutoConfiguration
@ConditionalOnClass(LlmRuntime.class)
@EnableConfigurationProperties(LlmProperties.class)
public class LlmAutoConfiguration {

  /**
   * The runtime: the properties first, then every {@link LlmRuntimeCustomizer} in order. With
   * {@code llmcall.read-environment} on (the default), providers that no property configures are
   * read from the process environment as {@link LlmRuntime#fromEnvironment()} reads them.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public LlmRuntime llmRuntime(LlmProperties properties,
      ObjectProvider<LlmRuntimeCustomizer> customizers) {
    LlmRuntime.Builder builder = RuntimeBuilders.from(properties, System.getenv());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * Static, as a registry post-processor must be, so that it does not start this configuration
   * early. Off with {@code llmcall.clients.enabled=false}.
   */
  @Bean
  @ConditionalOnProperty(prefix = "llmcall.clients", name = "enabled", matchIfMissing = true)
  public static ClientRegistrar llmClientRegistrar() {
    return new ClientRegistrar();
  }

  /**
   * Micrometer meters for every call (see {@code llmcall-micrometer}), when the application has
   * that module and a {@code MeterRegistry}: bound once the runtime and the registry exist.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.llmcall.micrometer.LlmcallMetrics",
      "io.micrometer.core.instrument.MeterRegistry"})
  static class Metrics {
    @Bean
    static SmartInitializingSingleton llmcallMetricsBinder(ObjectProvider<LlmRuntime> runtime,
        ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
      return () -> {
        io.micrometer.core.instrument.MeterRegistry r = registry.getIfUnique();
        LlmRuntime rt = runtime.getIfUnique();
        if (r != null && rt != null) {
          dev.llmcall.micrometer.LlmcallMetrics.bind(rt, r);
        }
      };
    }
  }

  /**
   * A span per call and W3C trace context on every attempt (see {@code llmcall-opentelemetry}),
   * when the application has that module and an {@code OpenTelemetry} bean. It customizes the
   * runtime this configuration builds; a runtime of the application's own is left alone.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.llmcall.opentelemetry.LlmcallTracing",
      "io.opentelemetry.api.OpenTelemetry"})
  static class Tracing {
    @Bean
    LlmRuntimeCustomizer llmcallTracingCustomizer(
        ObjectProvider<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
      return builder -> {
        io.opentelemetry.api.OpenTelemetry otel = openTelemetry.getIfUnique();
        if (otel != null) {
          dev.llmcall.opentelemetry.LlmcallTracing.create(otel).installOn(builder);
        }
      };
    }
  }

  /** The circuit breakers as health, when Spring Boot's health support is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.llmcall", name = "enabled",
      matchIfMissing = true)
  static class Health {
    // No @ConditionalOnBean(LlmRuntime): member classes are read before the outer class's
    // @Bean methods, so it would never match; there is always a runtime, this one or the user's.
    @Bean
    @ConditionalOnMissingBean(name = "llmcallHealthIndicator")
    LlmHealthIndicator llmcallHealthIndicator(LlmRuntime runtime) {
      return new LlmHealthIndicator(runtime);
    }
  }
}
