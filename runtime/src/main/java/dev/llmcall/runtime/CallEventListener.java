package dev.llmcall.runtime;

/**
 * Hears what happens to every call of a runtime: its start, each attempt, a stream's first token
 * and its end (see {@link CallEvent}). Every method has an empty default, so a listener overrides
 * only what it needs. Register any number with {@code LlmRuntime.builder().listener(...)} or
 * {@link LlmRuntime#addListener}; they are told in the order they were added.
 *
 * <p>A listener runs on whichever thread the call is on (the caller's, the HTTP client's, a
 * timer's), with the call's captured context current (see {@link CallContextPropagator}); keep it
 * quick and do not block. An exception it throws is logged once and otherwise ignored: it never
 * breaks a call.
 *
 * <pre>{@code
 * runtime.addListener(new CallEventListener() {
 *   public void onAttemptEnded(CallEvent.AttemptEnded e) {
 *     if (!e.attempt().succeeded()) {
 *       log.warn("{} attempt {} failed: {}", e.call().method(), e.attempt().number(),
 *           e.attempt().failure());
 *     }
 *   }
 * });
 * }</pre>
 */
public interface CallEventListener {
  /** The call started, on the caller's thread. */
  default void onCallStarted(CallEvent.Started event) {}

  /** An attempt ended, after its retry decision. */
  default void onAttemptEnded(CallEvent.AttemptEnded event) {}

  /** A stream's first content arrived. */
  default void onFirstToken(CallEvent.FirstToken event) {}

  /** The call ended. */
  default void onCallEnded(CallEvent.Ended event) {}
}
