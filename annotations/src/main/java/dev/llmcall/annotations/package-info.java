/** The annotations of llmcall: {@link LlmClient}, {@link LlmCall}, {@link Retry}, {@link CircuitBreaker},
 * {@link Fallback}, {@link Description}, {@link Tool}, {@link ImageInput}, {@link Model}. */
package dev.llmcall.annotations;
