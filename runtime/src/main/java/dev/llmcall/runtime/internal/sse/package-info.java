/**
 * The WHATWG server-sent-events decoder, bounded in line and event size. Internal: not part of
 * the API.
 */
package dev.llmcall.runtime.internal.sse;
