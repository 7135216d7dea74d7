package dev.llmcall.runtime.internal.stream;

/**
 * Where a continued stream repeats the end of what was already delivered. Models asked to go on
 * often restate the last few words; this keeps only what is new. Internal: not part of the API.
 */
final class Overlap {
  /** Shorter overlaps could be a coincidence ("the", "and"). */
  static final int MIN_OVERLAP = 8;
  static final int MAX_OVERLAP = 200;

  private Overlap() {}

  /**
   * The part of {@code continuation} that does not repeat the end of {@code delivered}: the
   * longest prefix of the continuation that {@code delivered} ends with is dropped, and leading
   * white space when {@code delivered} already ends in some.
   */
  static String trim(CharSequence delivered, CharSequence continuation) {
    String cont = continuation.toString();
    int max = Math.min(MAX_OVERLAP, Math.min(delivered.length(), cont.length()));
    for (int k = max; k >= MIN_OVERLAP; k--) {
      if (endsWith(delivered, cont, k)) {
        cont = cont.substring(k);
        break;
      }
    }
    boolean endsInSpace = delivered.length() > 0
        && Character.isWhitespace(delivered.charAt(delivered.length() - 1));
    return endsInSpace ? cont.stripLeading() : cont;
  }

  private static boolean endsWith(CharSequence delivered, String cont, int k) {
    int offset = delivered.length() - k;
    for (int i = 0; i < k; i++) {
      if (delivered.charAt(offset + i) != cont.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
