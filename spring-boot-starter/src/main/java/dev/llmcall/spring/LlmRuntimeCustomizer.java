package dev.llmcall.spring;

import dev.llmcall.runtime.LlmRuntime;

/**
 * Adjusts the auto-configured {@link LlmRuntime} before it is built, after the {@code llmcall.*}
 * properties were applied. Every bean of this type is applied, in {@code @Order} order; this is
 * where an integration (metrics, tracing) attaches a listener, and where an application sets what
 * properties cannot express, such as its own {@code HttpClient} or clock.
 *
 * <pre>{@code
 * @Bean
 * LlmRuntimeCustomizer callLogging() {
 *   return builder -> builder.listener(new LoggingCallListener());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LlmRuntimeCustomizer {
  void customize(LlmRuntime.Builder builder);
}
