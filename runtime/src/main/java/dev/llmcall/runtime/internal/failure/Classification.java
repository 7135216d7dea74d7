package dev.llmcall.runtime.internal.failure;

import dev.llmcall.runtime.ErrorCategory;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ErrorClassifier} concluded about one failure: its category, whether trying again
 * could help, and a short reason that is safe to show (no API keys, never a whole HTML page).
 *
 * @param category what kind of failure this is
 * @param retryable whether the same request could succeed if tried again
 * @param retryAfter how long the provider asked us to wait, or {@code null} if it did not say
 * @param detail a short human-readable reason, at most about 300 characters
 * @param providerCode the provider's own error code (or Anthropic's error type), or {@code null}
 */
public record Classification(
    ErrorCategory category,
    boolean retryable,
    Duration retryAfter,
    String detail,
    String providerCode) {

  public Classification {
    Objects.requireNonNull(category, "category == null");
    Objects.requireNonNull(detail, "detail == null");
  }

  /** A refusal or a content-filter stop in a 2xx answer: never retryable. */
  public static Classification contentFilter(String detail) {
    return new Classification(ErrorCategory.CONTENT_FILTER, false, null, detail, null);
  }

  /** A 2xx answer that cannot be read: not retried, as it would likely come back the same. */
  /** The runtime was closed: nothing more is sent, and trying again cannot help. */
  public static Classification closed(String what) {
    return new Classification(ErrorCategory.UNKNOWN, false, null,
        "the LlmRuntime is closed, so " + what, null);
  }

  public static Classification unreadable(String detail) {
    return new Classification(ErrorCategory.UNKNOWN, false, null, detail, null);
  }
}
