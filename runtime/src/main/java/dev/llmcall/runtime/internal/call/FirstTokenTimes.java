package dev.llmcall.runtime.internal.call;

import java.util.Arrays;

/**
 * The last {@value #SIZE} times to first token of one target of one method, kept to hedge after
 * the target's observed percentile ({@link Hedging}). A ring of longs behind a plain lock: one
 * write per stream's first token, and one sorted copy per new sample at most: the transport's
 * sweep asks every 50 ms while a stream waits for its first token, and gets the percentile it
 * computed last until a sample comes. Internal: not part of the API.
 */
final class FirstTokenTimes {
  static final int SIZE = 64;

  private final long[] nanos = new long[SIZE];
  private int count;
  private int next;
  /** The percentile last computed, and which; {@code cachedPercentile} 0 when none is current. */
  private int cachedPercentile;
  private long cached;

  synchronized void add(long sample) {
    nanos[next] = sample;
    next = (next + 1) % SIZE;
    count = Math.min(count + 1, SIZE);
    cachedPercentile = 0;
  }

  /**
   * The {@code percentile} (1 to 99) of the kept times, by nearest rank; -1 while fewer than
   * {@code minSamples} were seen.
   */
  synchronized long percentile(int percentile, int minSamples) {
    if (count < minSamples || count == 0) {
      return -1;
    }
    if (cachedPercentile != percentile) {
      long[] sorted = Arrays.copyOf(nanos, count); // at most 64: sorted under the lock
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
      cached = sorted[Math.max(rank, 1) - 1];
      cachedPercentile = percentile;
    }
    return cached;
  }
}
