package dev.llmcall.runtime.internal.stream;

/**
 * Every piece of text a stream received, across its attempts, and the hand-off of each to the
 * reader's {@link ChunkChannel}. A resumed attempt's text is first held back until it is long
 * enough to find where it repeats what was received ({@link Overlap}); only what is new goes on.
 * Guarded by the stream's lock. Internal: not part of the API.
 */
final class ReceivedText {
  /** How much continued text is held back to find where it repeats what was received. */
  static final int OVERLAP_WINDOW = 64;

  private final StringBuilder text = new StringBuilder();
  private final ChunkChannel channel;
  /** Where the current tool round's text starts: 0 until the call makes a tool round. */
  private int roundStart;

  ReceivedText(ChunkChannel channel) {
    this.channel = channel;
  }

  /** Takes a chunk of an attempt; a resumed attempt's first chunks are held back. */
  void take(StreamExchange ex, String chunk) {
    if (ex.holdBack != null) {
      ex.holdBack.append(chunk);
      if (ex.holdBack.length() >= OVERLAP_WINDOW) {
        flush(ex);
      }
      return;
    }
    text.append(chunk);
    channel.offer(chunk);
  }

  /** Hands on what an attempt held back, less what repeats the text received before it. */
  void flush(StreamExchange ex) {
    if (ex.holdBack == null) {
      return;
    }
    String fresh = Overlap.trim(text, ex.holdBack);
    ex.holdBack = null;
    if (!fresh.isEmpty()) {
      text.append(fresh);
      channel.offer(fresh);
    }
  }

  /** A tool round ended: the text that comes next is the next round's. */
  void newRound() {
    roundStart = text.length();
  }

  /** The current round's text: the answer's, or the text before its tool calls. */
  String round() {
    return text.substring(roundStart);
  }

  /** Whether the current round has no text yet. */
  boolean roundEmpty() {
    return text.length() == roundStart;
  }

  boolean isEmpty() {
    return text.length() == 0;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
