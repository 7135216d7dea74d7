package dev.llmcall.runtime.internal.sse;

/**
 * Thrown by {@link SseDecoder#feed} when an event stream passes one of the decoder's bounds: a line
 * longer than its maximum line length, or an event whose data is larger than its maximum event
 * size. Such a stream is malformed or hostile; the decoder refuses further input. Internal: not
 * part of the API.
 */
public final class SseLimitException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Which bound a stream passed. */
  public enum Limit {
    /** The bytes of one line, its line ending not counted. */
    MAX_LINE_LENGTH("a line", "maxLineLength"),
    /** The UTF-8 bytes of one event's data, the LFs between its data lines counted. */
    MAX_EVENT_SIZE("an event's data", "maxEventSize");

    private final String what;
    private final String setting;

    Limit(String what, String setting) {
      this.what = what;
      this.setting = setting;
    }
  }

  private final Limit limit;
  private final int value;

  SseLimitException(Limit limit, int value) {
    super("SSE decoding stopped: " + limit.what + " exceeds " + limit.setting + " (" + value
        + " bytes); the event stream is malformed or hostile");
    this.limit = limit;
    this.value = value;
  }

  /** The bound that was passed. */
  public Limit limit() {
    return limit;
  }

  /** That bound's value, in bytes. */
  public int value() {
    return value;
  }
}
