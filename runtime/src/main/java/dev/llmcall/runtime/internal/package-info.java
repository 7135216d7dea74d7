/**
 * Internal: not part of the API, may change in any release, not exported by the module.
 *
 * <p>The path a call travels is the shape of this tree. {@link
 * dev.llmcall.runtime.internal.DefaultBoundCall} is the table of call shapes (blocking, async,
 * {@code Stream}, {@code LlmStream}, {@code Flow.Publisher}); each goes through
 * {@code call/} (the attempt engine), which uses {@code breaker/} for permits, {@code transport/}
 * to send, {@code provider/} for each wire format and {@code failure/} to classify; a stream adds
 * {@code stream/} over {@code sse/}.
 */
package dev.llmcall.runtime.internal;
