/**
 * Circuit breakers: immutable states, the transition table, sliding windows, events and health
 * probes. Internal: not part of the API.
 */
package dev.llmcall.runtime.internal.breaker;
