/**
 * The attempt engine, once for every call shape: deadline, breaker permit, each attempt's
 * timeout, what a success or failure means, whether and how long to wait, and the record of it
 * all ({@link dev.llmcall.runtime.internal.call.Attempts}). Internal: not part of the API.
 */
package dev.llmcall.runtime.internal.call;
