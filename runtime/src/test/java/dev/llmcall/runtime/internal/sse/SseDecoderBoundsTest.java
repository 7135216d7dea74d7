package dev.llmcall.runtime.internal.sse;

import static dev.llmcall.runtime.internal.sse.SseFeeding.MAX;
import static dev.llmcall.runtime.internal.sse.SseFeeding.MAX_EVENT;
import static dev.llmcall.runtime.internal.sse.SseFeeding.b;
import static dev.llmcall.runtime.internal.sse.SseFeeding.decode;
import static dev.llmcall.runtime.internal.sse.SseFeeding.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.internal.sse.SseFeeding.Outcome;
import dev.llmcall.runtime.internal.sse.SseFeeding.SseRecorder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SseDecoder}'s bounds on lines and events, and its life cycle: failures, the end, and
 * input after either. Streams go through {@link SseFeeding#decode(int, int, byte[]...)} as in
 * {@link SseDecoderTest}, so a bound trips the same way however the bytes arrive.
 */
class SseDecoderBoundsTest {
  // ---- bounds ----

  @Test
  void lineLimitCountsBytesWithoutTheLineEnding() {
    Outcome ok = decode(16, MAX_EVENT, b("data: 0123456789\r\n\r\n"));
    assertEquals(List.of(msg("0123456789")), ok.events());
    assertNull(ok.failure());
    Outcome tooLong = decode(16, MAX_EVENT, b("data: x\n\ndata: 0123456789a\n\ndata: y\n\n"));
    assertEquals(List.of(msg("x")), tooLong.events());
    assertEquals("SSE decoding stopped: a line exceeds maxLineLength (16 bytes); the event stream"
        + " is malformed or hostile", tooLong.failure());
    assertFalse(tooLong.clean());
  }

  @Test
  void lineLimitStopsALineThatNeverEnds() {
    Outcome out = decode(16, MAX_EVENT, b(": ", "x".repeat(100)));
    assertNotNull(out.failure());
    assertTrue(out.failure().contains("maxLineLength (16 bytes)"), out.failure());
  }

  @Test
  void eventLimitCountsTheDataAsDispatched() {
    Outcome ok = decode(MAX, 10, b("data: 0123456789\n\ndata: 01234\ndata: 0123\n\n"));
    assertEquals(List.of(msg("0123456789"), msg("01234\n0123")), ok.events());
    Outcome tooBig = decode(MAX, 10, b("data: a\n\ndata: 01234\ndata: 01234\n\n"));
    assertEquals(List.of(msg("a")), tooBig.events());
    assertEquals("SSE decoding stopped: an event's data exceeds maxEventSize (10 bytes); the event"
        + " stream is malformed or hostile", tooBig.failure());
  }

  @Test
  void limitExceptionSaysWhichLimit() {
    SseDecoder decoder = new SseDecoder((t, d, i) -> { }, 16, 4);
    byte[] s = b("data: 12345\n");
    SseLimitException e = assertThrows(SseLimitException.class, () -> decoder.feed(s, 0, 12));
    assertInstanceOf(IllegalStateException.class, e);
    assertEquals(SseLimitException.Limit.MAX_EVENT_SIZE, e.limit());
    assertEquals(4, e.value());
    IllegalStateException after = assertThrows(IllegalStateException.class,
        () -> decoder.feed(s, 0, 1));
    assertFalse(after instanceof SseLimitException);
    assertFalse(decoder.end());
  }

  @Test
  void defaultLimitsAreOneMebibyteLinesAndEightMebibyteEvents() {
    String value = "x".repeat(MAX - 6);
    SseRecorder recorder = new SseRecorder();
    SseDecoder decoder = new SseDecoder(recorder);
    byte[] lines = b(("data: " + value + "\n").repeat(8), "\n"); // 8 lines of 1 MiB each
    decoder.feed(lines, 0, lines.length);
    assertEquals(8 * (MAX - 6) + 7, recorder.events.get(0).data().length());
    byte[] longer = b("data: " + value + "x\n");
    SseLimitException e = assertThrows(SseLimitException.class,
        () -> decoder.feed(longer, 0, longer.length));
    assertEquals(SseLimitException.Limit.MAX_LINE_LENGTH, e.limit());
    assertEquals(1 << 20, e.value());
    SseDecoder events = new SseDecoder(recorder);
    byte[] nine = b(("data: " + value + "\n").repeat(9));
    e = assertThrows(SseLimitException.class, () -> events.feed(nine, 0, nine.length));
    assertEquals(8 << 20, e.value());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MAX_VALUE})
  void boundsMustBeUsable(int bound) {
    SseListener listener = (t, d, i) -> { };
    assertThrows(IllegalArgumentException.class, () -> new SseDecoder(listener, bound, 10));
    assertThrows(IllegalArgumentException.class, () -> new SseDecoder(listener, 10, bound));
  }

  // ---- life cycle ----

  @Test
  void listenerFailurePropagatesAndStopsTheDecoder() {
    SseDecoder decoder = new SseDecoder((t, d, i) -> {
      throw new IllegalArgumentException("consumer broke");
    });
    byte[] s = b("data: a\n\ndata: b\n\n");
    assertEquals("consumer broke",
        assertThrows(IllegalArgumentException.class, () -> decoder.feed(s, 0, s.length))
            .getMessage());
    assertThrows(IllegalStateException.class, () -> decoder.feed(s, 0, s.length));
    assertFalse(decoder.end());
  }

  @Test
  void noInputAfterEnd() {
    SseDecoder decoder = new SseDecoder((t, d, i) -> { });
    assertTrue(decoder.end());
    assertThrows(IllegalStateException.class, () -> decoder.feed(ByteBuffer.allocate(1)));
    assertTrue(decoder.end());
  }

  @Test
  void emptyStreamEndsCleanly() {
    Outcome out = decode("");
    assertTrue(out.clean());
    assertEquals("", out.lastEventId());
    assertEquals(-1, out.retry());
  }
}
