package dev.llmcall.runtime.internal.sse;

/**
 * Receives what an {@link SseDecoder} finds in an event stream: dispatched events, comment lines,
 * and a signal for every complete line, so that an idle timer can be reset by keep-alive comments
 * and ignored lines as well as by events. Called on the thread that feeds the decoder; an exception
 * thrown here leaves {@link SseDecoder#feed} and fails the decoder. Internal: not part of the API.
 */
@FunctionalInterface
public interface SseListener {
  /**
   * An event was dispatched (a blank line ended a block that had at least one {@code data} line).
   *
   * @param type the {@code event} field of the block, or {@code "message"} when it had none or an
   *     empty one
   * @param data the block's {@code data} values joined with LF, without a trailing LF
   * @param lastEventId the stream's last event ID at dispatch; {@code ""} when none was set (or an
   *     {@code id} line reset it)
   */
  void onEvent(String type, String data, String lastEventId);

  /**
   * {@link #onEvent(String, String, String)} with the data as the decoder holds it, UTF-8 bytes,
   * valid only during the call: a listener that parses JSON reads them without a string between.
   * By default, decodes them and calls the string form.
   */
  default void onEvent(String type, byte[] data, int length, String lastEventId) {
    onEvent(type, SseUtf8.decode(data, 0, length), lastEventId);
  }

  /**
   * A comment line arrived: {@code comment} is everything after the leading colon, with nothing
   * trimmed (so {@code ": ping"} gives {@code " ping"}). The decoder builds this string only when
   * the listener's class overrides this method; otherwise comments cost nothing.
   */
  default void onComment(String comment) {}

  /**
   * A complete line arrived (an event's field, a comment, a blank line or an ignored line), before
   * the decoder acts on it. Bytes of a line not yet ended do not count.
   */
  default void onActivity() {}
}
