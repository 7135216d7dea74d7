package dev.llmcall.runtime;

/**
 * A snapshot of a stream in progress, from {@link LlmStream#state()} or on the
 * {@link LlmException} that ended it.
 *
 * @param deliveredText the text handed to the caller so far
 * @param chunks text chunks delivered so far
 * @param events server-sent events received so far, on every attempt (pings included)
 * @param lastEventId the last SSE {@code id} received, or {@code null}
 * @param attempt the current attempt, 1-based
 * @param done whether the stream has ended, successfully or not
 */
public record StreamState(
    String deliveredText, int chunks, int events, String lastEventId, int attempt, boolean done) {}
