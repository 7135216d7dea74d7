package dev.llmcall.runtime.internal.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte scanning behind {@link SseDecoder}: finding line endings eight bytes at a time,
 * matching field names and values without decoding them, and growing buffers up to a bound.
 * Internal: not part of the API.
 */
final class SseBytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private SseBytes() {}

  /** The first CR or LF in {@code b[from, to)}, or -1. */
  static int indexOfLineEnd(byte[] b, int from, int to) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long word = (long) LONGS.get(b, i);
      long lf = word ^ LFS;
      long cr = word ^ CRS;
      // A byte of lf or cr is zero where the word has an LF or a CR. The lowest flagged byte is
      // exact (a false flag can only sit above a true one), and the view is little-endian.
      long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** The first {@code wanted} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code b[from, to)} starts with the UTF-8 byte order mark, EF BB BF. */
  static boolean startsWithBom(byte[] b, int from, int to) {
    return to - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB
        && b[from + 2] == (byte) 0xBF;
  }

  /** Whether {@code b[from, to)} is ASCII and spells {@code s}, so that it decodes to s. */
  static boolean equalsAscii(String s, byte[] b, int from, int to) {
    if (s.length() != to - from) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[from + k] != s.charAt(k)) { // a non-ASCII byte is negative and equals no char
        return false;
      }
    }
    return true;
  }

  /** {@code b}, or a copy at least {@code needed} long (at most {@code bound}) with its bytes. */
  static byte[] ensureCapacity(byte[] b, int used, int needed, int bound) {
    if (needed <= b.length) {
      return b;
    }
    int grown = (int) Math.min(Math.max((long) b.length * 2, needed), bound);
    byte[] copy = new byte[grown];
    System.arraycopy(b, 0, copy, 0, used);
    return copy;
  }
}
