package dev.llmcall.runtime;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A streamed answer: the text arrives in chunks as the model writes it, and at the end the whole
 * {@link LlmResponse}. Failures before the first chunk reaches you are retried invisibly; a
 * failure after it ends the stream with an {@link LlmException} whose
 * {@link LlmException#partialText()} holds everything delivered so far (or, for a method that
 * opted in with {@code @Retry(resumeStream = true)}, the stream resumes where it stopped).
 * Closing the stream, or its {@link #text()}, cancels the HTTP exchange.
 *
 * <pre>{@code
 * try (LlmStream story = storyteller.story("a lighthouse")) {
 *   for (String chunk : story) {
 *     page.append(chunk);                       // show it as it arrives
 *   }
 *   log.info("usage: {}", story.response().usage());
 * }
 * }</pre>
 */
public interface LlmStream extends Iterable<String>, AutoCloseable {

  /** The text chunks, in order; blocks for each. Throws {@link LlmException} on failure. */
  @Override
  Iterator<String> iterator();

  /** The chunks as a sequential {@link Stream}; closing it closes this stream. */
  Stream<String> text();

  /**
   * The whole response once the stream has ended, reading any chunks not yet consumed.
   *
   * @throws LlmException if the stream failed
   */
  LlmResponse<String> response();

  /** Where the stream is now; safe to call from any thread while it runs. */
  StreamState state();

  /** Stops the stream and cancels the HTTP exchange; idempotent. */
  @Override
  void close();
}
