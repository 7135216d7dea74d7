/**
 * What generated clients call: {@link dev.llmcall.runtime.spi.CallSite} and
 * {@link dev.llmcall.runtime.spi.BoundCall}. Stable for generated code; users rarely need it.
 */
package dev.llmcall.runtime.spi;
