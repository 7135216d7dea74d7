/**
 * What a failure is: the error classifier, error bodies, retry hints. Internal: not part of the
 * API.
 */
package dev.llmcall.runtime.internal.failure;
