package dev.llmcall.runtime;

import java.util.function.BiConsumer;

/**
 * Carries the caller's context (a trace context, a logging context) into a call: {@link #capture}
 * runs on the caller's thread when the call starts, and what it returns is made current around
 * every attempt, retry waits run on timers included, around stream callbacks and around every
 * {@link CallEventListener} notification; it can also add headers to each attempt's request (a
 * W3C {@code traceparent}, for one). Register with {@code
 * LlmRuntime.builder().contextPropagator(...)}.
 *
 * <pre>{@code
 * CallContextPropagator mdc = call -> {
 *   Map<String, String> captured = MDC.getCopyOfContextMap();
 *   return () -> {
 *     Map<String, String> previous = MDC.getCopyOfContextMap();
 *     MDC.setContextMap(captured);
 *     return () -> MDC.setContextMap(previous);
 *   };
 * };
 * }</pre>
 *
 * An exception from any of these methods is logged once and ignored.
 */
@FunctionalInterface
public interface CallContextPropagator {

  /** On the caller's thread, when {@code call} starts: what to carry into it. */
  Captured capture(CallEvent.Started call);

  /** One call's captured context. */
  @FunctionalInterface
  interface Captured {
    /** Makes the captured context current on this thread until the scope is closed. */
    Scope makeCurrent();

    /** Adds headers to an attempt's request; called once per attempt, before it is sent. */
    default void addHeaders(BiConsumer<String, String> header) {}
  }

  /** Restores what was current before {@link Captured#makeCurrent()}; closed on the same thread. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
