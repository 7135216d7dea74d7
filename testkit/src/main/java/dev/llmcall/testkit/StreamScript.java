package dev.llmcall.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a streamed reply is written: its text pieces, the pacing, and the fault (if any) that ends it
 * early. Immutable; the {@code with} methods validate and are called by {@link FakeReply}'s withers.
 *
 * @param chunks the scripted text pieces, in order
 * @param chunkDelay the wait before each event after the first
 * @param fault what happens after {@code faultAfter} events
 * @param faultAfter the number of events written before the fault
 * @param errorType the in-band error's type, for {@link Fault#ERROR}
 * @param errorMessage the in-band error's message, for {@link Fault#ERROR}
 * @param keepAlive the period of {@code : keep-alive} comments while waiting, or null for none
 * @param eventIds whether events carry {@code id: n} lines
 */
record StreamScript(
    List<String> chunks,
    Duration chunkDelay,
    Fault fault,
    int faultAfter,
    String errorType,
    String errorMessage,
    Duration keepAlive,
    boolean eventIds) {

  /** What ends a stream early. */
  enum Fault {
    NONE,
    CUT,
    ERROR,
    STALL
  }

  StreamScript {
    chunks = List.copyOf(chunks);
  }

  /** A well-behaved stream of {@code chunks}: no pacing, no fault. */
  static StreamScript of(List<String> chunks) {
    return new StreamScript(chunks, Duration.ZERO, Fault.NONE, 0, null, null, null, false);
  }

  /**
   * {@code text} cut into word-sized pieces, each word with the whitespace that follows it (whitespace
   * before the first word is a piece of its own); the pieces concatenate to {@code text}.
   */
  static List<String> words(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
        pieces.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  StreamScript withChunkDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("chunk delay must not be negative");
    }
    return new StreamScript(chunks, delay, fault, faultAfter, errorType, errorMessage, keepAlive, eventIds);
  }

  StreamScript withKeepAlive(Duration every) {
    Objects.requireNonNull(every, "every");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("keep-alive period must be positive");
    }
    return new StreamScript(chunks, chunkDelay, fault, faultAfter, errorType, errorMessage, every, eventIds);
  }

  StreamScript withEventIds(boolean on) {
    return new StreamScript(chunks, chunkDelay, fault, faultAfter, errorType, errorMessage, keepAlive, on);
  }

  /** The stream with {@code newFault} after {@code events} events; a stream has at most one fault. */
  StreamScript withFault(Fault newFault, int events, String type, String message) {
    if (events < 0) {
      throw new IllegalArgumentException("event count must not be negative, was " + events);
    }
    if (fault != Fault.NONE) {
      throw new IllegalStateException("the stream already ends with " + describeFault()
          + "; use only one of cutAfter, errorAfter and stallAfter");
    }
    return new StreamScript(chunks, chunkDelay, newFault, events, type, message, keepAlive, eventIds);
  }

  /** The fault as the wither that set it, such as {@code cutAfter(2)}; empty when there is none. */
  String describeFault() {
    return switch (fault) {
      case NONE -> "";
      case CUT -> "cutAfter(" + faultAfter + ")";
      case ERROR -> "errorAfter(" + faultAfter + ", " + errorType + ")";
      case STALL -> "stallAfter(" + faultAfter + ")";
    };
  }
}
