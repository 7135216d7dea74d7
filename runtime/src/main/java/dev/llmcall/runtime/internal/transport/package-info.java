/**
 * The runtime's one {@code HttpClient}: sending exactly once, bodies bounded in time and size, and
 * what a closing runtime must end. Internal: not part of the API.
 */
package dev.llmcall.runtime.internal.transport;
