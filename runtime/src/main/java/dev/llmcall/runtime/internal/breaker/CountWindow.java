package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import java.util.Arrays;

/**
 * The last {@code size} calls, in a ring of outcome bytes: the newest call overwrites the oldest,
 * whose outcome is taken back from the totals first. O(1) per call, {@code size} bytes in all.
 * Guarded by {@link BreakerWindow}'s lock. Internal: not part of the API.
 */
final class CountWindow extends BreakerWindow {
  /** Marks a slot that holds no call yet (the ring is not full). */
  private static final byte EMPTY = -1;

  private final byte[] ring;
  private int next;

  CountWindow(int size, long epoch) {
    super(epoch);
    ring = new byte[size];
    Arrays.fill(ring, EMPTY);
  }

  @Override
  boolean hasShape(SlidingWindow shape) {
    return shape.type() == SlidingWindow.Type.COUNT && shape.size() == ring.length;
  }

  @Override
  void store(int outcome) {
    byte evicted = ring[next];
    if (evicted != EMPTY) {
      add(evicted, -1);
    }
    ring[next] = (byte) outcome;
    add(outcome, 1);
    next = next + 1 == ring.length ? 0 : next + 1;
  }

  @Override
  void expire() {
    // Calls leave a count window only when newer ones push them out.
  }

  @Override
  void clear() {
    Arrays.fill(ring, EMPTY);
    next = 0;
  }
}
