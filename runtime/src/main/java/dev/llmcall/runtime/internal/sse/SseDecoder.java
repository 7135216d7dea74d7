package dev.llmcall.runtime.internal.sse;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes a {@code text/event-stream} body, fed as byte chunks split anywhere, into events, exactly
 * as the WHATWG HTML standard's "Parsing an event stream" and "Interpreting an event stream" say:
 * UTF-8 with invalid bytes turned into U+FFFD, one leading BOM stripped, CR, LF and CRLF line
 * endings (a CRLF split between two chunks is one ending), comments, the {@code data},
 * {@code event}, {@code id} and {@code retry} fields, and dispatch on a blank line. Two bounds,
 * the longest line and the largest event data, stop a malformed or hostile stream with an
 * {@link SseLimitException}.
 *
 * <p>Lines are split on bytes (CR, LF, the colon and the space are never part of a multi-byte
 * UTF-8 sequence, so this gives the same lines as decoding first) and text is decoded once per
 * field value that is used: a line wholly inside a chunk is read in place, only a line cut by a
 * chunk's end is copied, and data values are gathered as bytes and decoded once at dispatch.
 *
 * <p>Not thread-safe: feed it from one thread at a time. Once {@link #feed} has thrown, or after
 * {@link #end}, it accepts no more input. Internal: not part of the API.
 */
public final class SseDecoder {
  /** The default bound on one line: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;
  /** The default bound on one event's data: 8 MiB. */
  public static final int DEFAULT_MAX_EVENT_SIZE = 8 << 20;

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
  private static final int INITIAL_CAPACITY = 512;
  private static final int SCRATCH_SIZE = 8192;

  private enum State { OPEN, ENDED, FAILED }

  private final SseListener listener;
  private final int maxLineLength;
  private final int maxEventSize;
  private byte[] line = new byte[INITIAL_CAPACITY]; // the start of a line cut by a chunk's end
  private int lineLength;
  private byte[] data = new byte[INITIAL_CAPACITY]; // the data buffer, as UTF-8
  private int dataLength;
  private byte[] scratch; // for chunks whose bytes are not in an accessible array
  private boolean afterCr; // the last byte fed was a CR that ended a line
  private boolean atStart = true; // no line has ended yet: a BOM may still lead the stream
  private boolean blockPending; // a data, event or id field since the last blank line
  private String eventType = "";
  private String previousEventType = ""; // reused when the next event field has the same value
  private String lastEventIdBuffer = "";
  private String lastEventId = "";
  private long reconnectionTime = -1;
  private State state = State.OPEN;
  private boolean endedCleanly;

  /** A decoder with the default bounds (1 MiB lines, 8 MiB events). */
  public SseDecoder(SseListener listener) {
    this(listener, DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_EVENT_SIZE);
  }

  /**
   * A decoder with its own bounds.
   *
   * @param maxLineLength the most bytes one line may have, its line ending not counted
   * @param maxEventSize the most UTF-8 bytes one event's data may have, counting the LF between
   *     two data lines (the data as dispatched, in bytes)
   */
  public SseDecoder(SseListener listener, int maxLineLength, int maxEventSize) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.maxLineLength = checkBound("maxLineLength", maxLineLength);
    this.maxEventSize = checkBound("maxEventSize", maxEventSize);
  }

  private static int checkBound(String name, int value) {
    if (value < 1 || value > MAX_ARRAY - 1) {
      throw new IllegalArgumentException(name + " must be in [1, " + (MAX_ARRAY - 1) + "]: "
          + value);
    }
    return value;
  }

  /**
   * Decodes the chunk's remaining bytes, calling the listener for what they complete; the chunk's
   * position moves to its limit. A heap buffer is read in place.
   *
   * @throws SseLimitException when the stream passes a bound
   * @throws IllegalStateException when the decoder has ended or failed before
   */
  public void feed(ByteBuffer chunk) {
    if (chunk.hasArray()) {
      int length = chunk.remaining();
      int position = chunk.position();
      chunk.position(position + length);
      feed(chunk.array(), chunk.arrayOffset() + position, length);
      return;
    }
    if (scratch == null) {
      scratch = new byte[SCRATCH_SIZE];
    }
    while (chunk.hasRemaining()) {
      int n = Math.min(chunk.remaining(), scratch.length);
      chunk.get(scratch, 0, n);
      feed(scratch, 0, n);
    }
  }

  /**
   * Decodes {@code b[off, off + len)}, calling the listener for what those bytes complete. The
   * array is not kept: it may be reused once this returns.
   *
   * @throws SseLimitException when the stream passes a bound
   * @throws IllegalStateException when the decoder has ended or failed before
   */
  public void feed(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (state != State.OPEN) {
      throw new IllegalStateException("SSE decoder " + state.name().toLowerCase(Locale.ROOT)
          + ": it takes no more input");
    }
    try {
      decode(b, off, off + len);
    } catch (RuntimeException | Error e) {
      state = State.FAILED;
      throw e;
    }
  }

  /**
   * The stream ended: what is pending is discarded, as the standard says (an event not yet
   * followed by a blank line is not dispatched). Calling it again returns the same answer.
   *
   * @return whether the stream ended cleanly: on a line ending, with no data, event or id field
   *     waiting for a blank line; {@code false} also when decoding failed
   */
  public boolean end() {
    if (state == State.OPEN) {
      boolean bom = atStart && SseBytes.startsWithBom(line, 0, lineLength);
      int partial = lineLength - (bom ? 3 : 0);
      endedCleanly = partial == 0 && !blockPending;
      state = State.ENDED;
      lineLength = 0;
      dataLength = 0;
      eventType = "";
    }
    return state == State.ENDED && endedCleanly;
  }

  /**
   * The stream's last event ID string: the last {@code id} value in force when a blank line ended
   * a block (with or without data), {@code ""} before any. This is what a reconnection sends as
   * {@code Last-Event-ID}, when it is not empty.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /** The last reconnection time the stream set with a {@code retry} field, or -1 if none. */
  public long reconnectionTimeMillis() {
    return reconnectionTime;
  }

  private void decode(byte[] b, int from, int to) {
    int i = from;
    if (afterCr && i < to) {
      afterCr = false;
      if (b[i] == '\n') { // the LF of a CRLF cut between two chunks
        i++;
      }
    }
    while (i < to) {
      int eol = SseBytes.indexOfLineEnd(b, i, to);
      if (eol < 0) {
        appendToLine(b, i, to);
        return;
      }
      endLine(b, i, eol);
      i = eol + 1;
      if (b[eol] == '\r') {
        if (i == to) {
          afterCr = true;
        } else if (b[i] == '\n') {
          i++;
        }
      }
    }
  }

  private void appendToLine(byte[] b, int from, int to) {
    int n = to - from;
    if (n > maxLineLength - lineLength) {
      throw new SseLimitException(SseLimitException.Limit.MAX_LINE_LENGTH, maxLineLength);
    }
    line = SseBytes.ensureCapacity(line, lineLength, lineLength + n, maxLineLength);
    System.arraycopy(b, from, line, lineLength, n);
    lineLength += n;
  }

  /** A line ending was found at {@code to}: the line is what was kept plus {@code b[from, to)}. */
  private void endLine(byte[] b, int from, int to) {
    if (lineLength == 0) {
      if (to - from > maxLineLength) {
        throw new SseLimitException(SseLimitException.Limit.MAX_LINE_LENGTH, maxLineLength);
      }
      processLine(b, from, to);
    } else {
      appendToLine(b, from, to);
      int n = lineLength;
      lineLength = 0;
      processLine(line, 0, n);
    }
  }

  private void processLine(byte[] b, int from, int to) {
    listener.onActivity();
    if (atStart) {
      atStart = false;
      if (SseBytes.startsWithBom(b, from, to)) {
        from += 3;
      }
    }
    if (from == to) {
      dispatch();
    } else if (b[from] == ':') {
      // Comments are rare (keep-alives), so building their text costs nothing that matters.
      listener.onComment(SseUtf8.decode(b, from + 1, to));
    } else {
      int colon = SseBytes.indexOf(b, from, to, (byte) ':');
      if (colon < 0) {
        processField(b, from, to, to, to);
      } else {
        int value = colon + 1;
        if (value < to && b[value] == ' ') {
          value++;
        }
        processField(b, from, colon, value, to);
      }
    }
  }

  private void processField(byte[] b, int name, int nameEnd, int value, int valueEnd) {
    if (SseBytes.equalsAscii("data", b, name, nameEnd)) {
      appendData(b, value, valueEnd);
    } else if (SseBytes.equalsAscii("event", b, name, nameEnd)) {
      setEventType(b, value, valueEnd);
    } else if (SseBytes.equalsAscii("id", b, name, nameEnd)) {
      setLastEventIdBuffer(b, value, valueEnd);
    } else if (SseBytes.equalsAscii("retry", b, name, nameEnd)) {
      setReconnectionTime(b, value, valueEnd);
    } // any other field is ignored
  }

  private void appendData(byte[] b, int from, int to) {
    int n = to - from;
    if (n > maxEventSize - dataLength) { // the data as dispatched would be dataLength + n bytes
      throw new SseLimitException(SseLimitException.Limit.MAX_EVENT_SIZE, maxEventSize);
    }
    data = SseBytes.ensureCapacity(data, dataLength, dataLength + n + 1, maxEventSize + 1);
    System.arraycopy(b, from, data, dataLength, n);
    dataLength += n;
    data[dataLength++] = '\n';
    blockPending = true;
  }

  private void setEventType(byte[] b, int from, int to) {
    if (!SseBytes.equalsAscii(previousEventType, b, from, to)) {
      previousEventType = SseUtf8.decode(b, from, to);
    }
    eventType = previousEventType;
    blockPending = true;
  }

  private void setLastEventIdBuffer(byte[] b, int from, int to) {
    if (SseBytes.indexOf(b, from, to, (byte) 0) >= 0) { // U+0000 NULL: the field is ignored
      return;
    }
    if (!SseBytes.equalsAscii(lastEventIdBuffer, b, from, to)) {
      lastEventIdBuffer = SseUtf8.decode(b, from, to);
    }
    blockPending = true;
  }

  private void setReconnectionTime(byte[] b, int from, int to) {
    if (from == to) {
      return; // no digits: nothing to interpret
    }
    long millis = 0;
    for (int i = from; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return; // not only ASCII digits: the field is ignored
      }
      millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
    }
    reconnectionTime = millis;
  }

  /** The standard's "dispatch the event", run by every blank line. */
  private void dispatch() {
    lastEventId = lastEventIdBuffer;
    blockPending = false;
    if (dataLength == 0) {
      eventType = "";
      return;
    }
    int length = dataLength - 1; // the last LF is removed
    String type = eventType.isEmpty() ? "message" : eventType;
    dataLength = 0;
    eventType = "";
    listener.onEvent(type, data, length, lastEventId);
  }
}
