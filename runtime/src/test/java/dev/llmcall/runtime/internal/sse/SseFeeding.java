package dev.llmcall.runtime.internal.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helper for {@link SseDecoderTest} and {@link SseDecoderBoundsTest}: decodes one stream in
 * many ways (whole, in given chunks, split at every offset, byte by byte, in random chunks; from
 * arrays and from heap, direct and read-only buffers) and checks that every way gives the same
 * {@link Outcome}, events, comments, lines, failure and end state alike.
 */
final class SseFeeding {
  static final int MAX = SseDecoder.DEFAULT_MAX_LINE_LENGTH;
  static final int MAX_EVENT = SseDecoder.DEFAULT_MAX_EVENT_SIZE;
  static final String R = "\uFFFD";

  private SseFeeding() {}

  record Ev(String type, String data, String lastEventId) {}

  /** All that one decoding run showed. */
  record Outcome(List<Ev> events, List<String> comments, int lines, boolean clean,
      String lastEventId, long retry, String failure) {}

  /** Records what the decoder reports; overrides onComment, so comments are built. */
  static final class SseRecorder implements SseListener {
    final List<Ev> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    int lines;

    @Override
    public void onEvent(String type, String data, String lastEventId) {
      events.add(new Ev(type, data, lastEventId));
    }

    @Override
    public void onComment(String comment) {
      comments.add(comment);
    }

    @Override
    public void onActivity() {
      lines++;
    }
  }

  /** One way of handing a stream's bytes to a decoder. */
  interface Way {
    void feed(SseDecoder decoder, byte[][] chunks, byte[] stream);
  }

  static Ev msg(String data) {
    return new Ev("message", data, "");
  }

  static Ev msg(String data, String lastEventId) {
    return new Ev("message", data, lastEventId);
  }

  static Ev ev(String type, String data) {
    return new Ev(type, data, "");
  }

  /** Bytes from strings (as UTF-8) and ints (one byte each). */
  static byte[] b(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof Integer i) {
        out.write(i);
      } else {
        out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  static Outcome decode(String stream) {
    return decode(MAX, MAX_EVENT, b(stream));
  }

  static Outcome decode(byte[]... chunks) {
    return decode(MAX, MAX_EVENT, chunks);
  }

  /**
   * Decodes the stream given as chunks in every way below, checks that all give the same outcome,
   * and returns it. The ways: whole; in the given chunks (heap slices, with an empty chunk between
   * any two); in the given chunks as direct buffers; split in two at every offset (short streams);
   * one byte at a time through read-only buffers; in random chunks of 1 to 100 bytes.
   */
  static Outcome decode(int maxLine, int maxEvent, byte[]... chunks) {
    byte[] stream = concat(chunks);
    Map<String, Way> ways = new LinkedHashMap<>();
    ways.put("whole", (d, c, s) -> feedAt(d, s, 0, s.length));
    ways.put("given chunks", SseFeeding::feedHeapChunks);
    ways.put("given chunks, direct", SseFeeding::feedDirectChunks);
    if (stream.length <= 2048) {
      for (int cut = 0; cut <= stream.length; cut++) {
        int at = cut;
        ways.put("split at " + cut, (d, c, s) -> {
          feedAt(d, s, 0, at);
          feedAt(d, s, at, s.length - at);
        });
      }
    }
    ways.put("byte by byte", (d, c, s) -> {
      for (int i = 0; i < s.length; i++) {
        d.feed(ByteBuffer.wrap(s, i, 1).asReadOnlyBuffer());
      }
    });
    ways.put("random chunks", SseFeeding::feedRandomChunks);
    Outcome first = null;
    for (Map.Entry<String, Way> way : ways.entrySet()) {
      Outcome outcome = run(way.getValue(), chunks, stream, maxLine, maxEvent);
      if (first == null) {
        first = outcome;
      }
      assertEquals(first, outcome, "fed " + way.getKey());
    }
    return first;
  }

  private static Outcome run(Way way, byte[][] chunks, byte[] stream, int maxLine, int maxEvent) {
    SseRecorder recorder = new SseRecorder();
    SseDecoder decoder = new SseDecoder(recorder, maxLine, maxEvent);
    String failure = null;
    try {
      way.feed(decoder, chunks, stream);
    } catch (SseLimitException e) {
      failure = e.getMessage();
      assertThrows(IllegalStateException.class, () -> decoder.feed(new byte[1], 0, 1));
    }
    boolean clean = decoder.end();
    assertEquals(clean, decoder.end(), "end() twice");
    return new Outcome(recorder.events, recorder.comments, recorder.lines, clean,
        decoder.lastEventId(), decoder.reconnectionTimeMillis(), failure);
  }

  /** Feeds {@code s[off, off + len)} from a larger array, so offsets are never 0. */
  private static void feedAt(SseDecoder decoder, byte[] s, int off, int len) {
    byte[] padded = new byte[len + 10];
    Arrays.fill(padded, (byte) '\n');
    System.arraycopy(s, off, padded, 7, len);
    decoder.feed(padded, 7, len);
  }

  private static void feedHeapChunks(SseDecoder decoder, byte[][] chunks, byte[] stream) {
    for (byte[] chunk : chunks) {
      byte[] padded = new byte[chunk.length + 5];
      System.arraycopy(chunk, 0, padded, 3, chunk.length);
      ByteBuffer slice = ByteBuffer.wrap(padded, 3, chunk.length).slice(); // arrayOffset 3
      decoder.feed(slice);
      assertFalse(slice.hasRemaining());
      decoder.feed(ByteBuffer.allocate(0));
    }
  }

  private static void feedDirectChunks(SseDecoder decoder, byte[][] chunks, byte[] stream) {
    for (byte[] chunk : chunks) {
      ByteBuffer direct = ByteBuffer.allocateDirect(chunk.length);
      direct.put(chunk).flip();
      decoder.feed(direct);
      assertFalse(direct.hasRemaining());
    }
  }

  private static void feedRandomChunks(SseDecoder decoder, byte[][] chunks, byte[] stream) {
    Random random = new Random(stream.length);
    for (int i = 0; i < stream.length; ) {
      int n = Math.min(stream.length - i, 1 + random.nextInt(100));
      ByteBuffer chunk = ByteBuffer.wrap(stream, i, n); // position i, limit i + n
      decoder.feed(chunk);
      assertEquals(i + n, chunk.position());
      i += n;
    }
  }

  private static byte[] concat(byte[][] chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }
}
