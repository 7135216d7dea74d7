package dev.llmcall.runtime;

/** What kind of failure an {@link LlmException} is; every failure has exactly one. */
public enum ErrorCategory {
  /** The key is missing, wrong, revoked, or lacks permission (HTTP 401, 403). */
  AUTHENTICATION,
  /** Too many requests (HTTP 429), or a quota or credit limit. */
  RATE_LIMIT,
  /** The request itself is wrong: bad parameter, unknown model, context too long (400, 404, 413, 422). */
  VALIDATION,
  /** The provider failed (HTTP 5xx, Anthropic's 529 overloaded). */
  SERVER_ERROR,
  /** No response: connection refused or reset, DNS or TLS failure. */
  NETWORK,
  /** No response in time, or HTTP 408. */
  TIMEOUT,
  /** The provider refused the input or output on content grounds. */
  CONTENT_FILTER,
  /** Anything else, such as an unexpected status or an unreadable success body. */
  UNKNOWN
}
