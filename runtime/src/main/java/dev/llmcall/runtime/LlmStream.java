package dev.llmcall.runtime;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A streamed answer: the text arrives in chunks as the model writes it, and at the end the whole
 * {@link LlmResponse}. Failures before the first chunk reaches you are retried invisibly; a
 * failure after it ends the stream with an {@link LlmException} whose
 * {@link LlmException#partialText()} holds everything delivered so far (or, for a method that
 * opted in with {@code @Retry(resumeStream = true)}, the stream resumes where it stopped).
 * Closing the stream, or its {@link #text()}, cancels the HTTP exchange. A reasoning model's
 * thinking never appears in the text: read it as it comes with {@link #events()}, or whole in
 * {@link LlmResponse#reasoning()}.
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
   * The text chunks and the model's reasoning deltas, in the order they arrived, as a sequential
   * {@link Stream}; closing it closes this stream. Read a stream either this way or by its text
   * ({@link #iterator()}, {@link #text()}), not both: they take from the same deltas. The text
   * alone skips reasoning, which is never mixed into it and is all in {@link
   * LlmResponse#reasoning()} at the end; a reader of text only is never held up by it.
   *
   * <p>This default has no reasoning: it is the text chunks as {@link StreamEvent.Text} events.
   */
  default Stream<StreamEvent> events() {
    return text().map(StreamEvent.Text::new);
  }

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
