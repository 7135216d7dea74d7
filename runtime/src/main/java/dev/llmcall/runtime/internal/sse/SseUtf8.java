package dev.llmcall.runtime.internal.sse;

import java.nio.charset.StandardCharsets;

/**
 * Decodes a complete run of bytes exactly as the WHATWG Encoding standard's UTF-8 decoder does
 * (BOM handling aside): each maximal invalid subpart becomes one U+FFFD. The JDK's decoder, fast
 * and used first, agrees on well-formed input but not on all malformed input (it turns an encoded
 * surrogate such as {@code ED A0 80} into one U+FFFD where WHATWG gives three), so text with a
 * U+FFFD from malformed bytes is decoded again here, byte by byte. Internal: not part of the API.
 */
final class SseUtf8 {
  private static final char REPLACEMENT = '\uFFFD';

  private SseUtf8() {}

  /** The text of {@code b[from, to)}. */
  static String decode(byte[] b, int from, int to) {
    String text = new String(b, from, to - from, StandardCharsets.UTF_8);
    // The JDK puts a U+FFFD wherever input is malformed, so text without one came from
    // well-formed input, on which both decoders agree. (ASCII or Latin-1 text is checked at once.)
    if (text.indexOf(REPLACEMENT) >= 0 && !isWellFormed(b, from, to)) {
      return decodeWithReplacement(b, from, to);
    }
    return text;
  }

  /** Whether {@code b[from, to)} is well-formed UTF-8 (the Unicode standard's table 3-7). */
  static boolean isWellFormed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int lead = b[i] & 0xFF;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int needed = needed(lead);
      if (needed == 0 || to - i <= needed) {
        return false;
      }
      int second = b[i + 1] & 0xFF;
      if (second < lower(lead) || second > upper(lead)) {
        return false;
      }
      for (int k = 2; k <= needed; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += needed + 1;
    }
    return true;
  }

  /** The WHATWG UTF-8 decoder's steps, byte by byte. */
  private static String decodeWithReplacement(byte[] b, int from, int to) {
    char[] out = new char[to - from]; // one byte never gives more than one char
    int n = 0;
    int codePoint = 0;
    int needed = 0;
    int seen = 0;
    int lower = 0x80;
    int upper = 0xBF;
    int i = from;
    while (i < to) {
      int c = b[i] & 0xFF;
      if (needed == 0) {
        i++;
        if (c < 0x80) {
          out[n++] = (char) c;
        } else if ((needed = needed(c)) == 0) {
          out[n++] = REPLACEMENT;
        } else {
          lower = lower(c);
          upper = upper(c);
          codePoint = c & (0x3F >> needed);
        }
      } else if (c < lower || c > upper) { // the byte is read again as a new sequence's start
        needed = seen = 0;
        out[n++] = REPLACEMENT;
      } else {
        i++;
        lower = 0x80;
        upper = 0xBF;
        codePoint = (codePoint << 6) | (c & 0x3F);
        if (++seen == needed) {
          n += Character.toChars(codePoint, out, n);
          needed = seen = 0;
        }
      }
    }
    if (needed != 0) {
      out[n++] = REPLACEMENT;
    }
    return new String(out, 0, n);
  }

  /** How many continuation bytes {@code lead} asks for; 0 when it cannot start a sequence. */
  private static int needed(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      return 1;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      return 2;
    }
    return lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
  }

  private static int lower(int lead) {
    return lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  }

  private static int upper(int lead) {
    return lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  }
}
