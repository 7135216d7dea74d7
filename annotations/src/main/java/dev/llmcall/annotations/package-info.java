/** The annotations of llmcall: {@link LlmClient}, {@link LlmCall}, {@link Retry}, {@link CircuitBreaker}, {@link Fallback}. */
package dev.llmcall.annotations;
