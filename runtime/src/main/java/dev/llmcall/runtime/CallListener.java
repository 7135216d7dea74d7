package dev.llmcall.runtime;

/**
 * Hears about every attempt of every call, after the retry decision: {@code attempt.waitAfter()}
 * says whether and how long the call waits before trying again. The one-method form of {@link
 * CallEventListener}, for a lambda; it runs on the calling (or HTTP) thread, so keep it quick. An
 * exception it throws is logged and ignored.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder()
 *     .listener((method, provider, attempt) -> {
 *       if (!attempt.succeeded()) {
 *         log.warn("{} on {}: attempt {} failed with {}, waiting {}", method, provider,
 *             attempt.number(), attempt.failure(), attempt.waitAfter());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface CallListener extends CallEventListener {
  /** Called once per attempt, in order. */
  void onAttempt(String method, String provider, Attempt attempt);

  @Override
  default void onAttemptEnded(CallEvent.AttemptEnded event) {
    onAttempt(event.call().method(), event.call().provider(), event.attempt());
  }
}
