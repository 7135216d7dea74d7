/**
 * Rate shaping and the bulkhead: each provider's request and token budgets, learnt from its
 * rate-limit headers or configured ({@link dev.llmcall.runtime.RateShaping}), the permits of its
 * concurrent exchanges, and the bounded queue of the calls waiting for either. The attempt engine
 * asks {@link dev.llmcall.runtime.internal.shaping.ShapedCall} before each attempt. Internal: not
 * part of the API.
 */
package dev.llmcall.runtime.internal.shaping;
