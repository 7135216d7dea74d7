package dev.llmcall.runtime.internal.call;

import java.util.Arrays;

/**
 * The last {@value #SIZE} times to first token of one target of one method, kept to hedge after
 * the target's observed percentile ({@link Hedging}). A ring of longs behind a plain lock: one
 * write per stream's first token, one sorted copy per hedged call that asks. Internal: not part
 * of the API.
 */
final class FirstTokenTimes {
  static final int SIZE = 64;

  private final long[] nanos = new long[SIZE];
  private int count;
  private int next;

  synchronized void add(long sample) {
    nanos[next] = sample;
    next = (next + 1) % SIZE;
    count = Math.min(count + 1, SIZE);
  }

  /**
   * The {@code percentile} (1 to 99) of the kept times, by nearest rank; -1 while fewer than
   * {@code minSamples} were seen.
   */
  long percentile(int percentile, int minSamples) {
    long[] sorted;
    synchronized (this) {
      if (count < minSamples || count == 0) {
        return -1;
      }
      sorted = Arrays.copyOf(nanos, count);
    }
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
