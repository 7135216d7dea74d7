/** The annotations of llmcall: {@link LlmClient}, {@link LlmCall}, {@link Retry}, {@link CircuitBreaker}. */
package dev.llmcall.annotations;
