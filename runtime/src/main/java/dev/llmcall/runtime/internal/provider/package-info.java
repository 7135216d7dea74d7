/**
 * One wire format per provider, end to end: request encoding, answer decoding and the stream
 * assembler that reads its events. Internal: not part of the API.
 */
package dev.llmcall.runtime.internal.provider;
