/**
 * What streaming adds over the engine: the exchange and its events, the hand-off to the reader,
 * the hold-back of resumed text, the resume prompt, the stream clocks. Internal: not part of the
 * API.
 */
package dev.llmcall.runtime.internal.stream;
