package dev.llmcall.runtime.internal.shaping;

import static dev.llmcall.runtime.internal.shaping.RateHeaders.ABSENT;
import static dev.llmcall.runtime.internal.shaping.RateHeaders.DIMENSIONS;
import static dev.llmcall.runtime.internal.shaping.RateHeaders.INPUT;
import static dev.llmcall.runtime.internal.shaping.RateHeaders.OUTPUT;
import static dev.llmcall.runtime.internal.shaping.RateHeaders.REQUESTS;
import static dev.llmcall.runtime.internal.shaping.RateHeaders.TOKENS;

/**
 * The requests and tokens one key may still send one model, per dimension (requests, tokens,
 * input tokens, output tokens): what the provider said last, minus what this runtime sent since.
 * <ul>
 *   <li>What is left is usable until its reset, then the whole limit again; a dimension with no
 *       known limit is not shaped.
 *   <li>Each attempt takes what it needs before it is sent, or learns how long until that is there.
 *   <li>A response's headers replace what is left with the provider's word, less what this runtime
 *       still has in flight besides that attempt. What is missing beyond that is what other
 *       processes on the same key took since the last response: the largest such share lately
 *       is kept free for them (the reserve), which is how several runtimes converge without
 *       talking to each other.
 *   <li>A 429 stops everything until its retry hint, or the earliest reset.
 * </ul>
 * Thread-safe behind a plain lock, held for a few comparisons, never across I/O. Internal.
 */
final class Budget {
  /** The window of a configured limit, and of a learnt one once it reset with no header since. */
  static final long WINDOW_NANOS = 60_000_000_000L;
  /** How long a 429 that gives no hint and no reset stops the budget. */
  static final long REFUSED_NANOS = 1_000_000_000L;

  private final long[] limit = new long[DIMENSIONS];
  private final long[] left = new long[DIMENSIONS];
  private final long[] resetAt = new long[DIMENSIONS];
  private final long[] inFlight = new long[DIMENSIONS];
  private final long[] reserve = new long[DIMENSIONS];
  /** Whether the dimension rolled over locally since the last reading. */
  private final boolean[] rolled = new boolean[DIMENSIONS];
  private boolean blocked;
  private long blockedUntil;
  /** Whether anything is shaped: a limit is known, or a 429 stopped the budget. Until then, no lock. */
  private volatile boolean active;

  Budget(long requestsPerMinute, long tokensPerMinute, long nowNanos) {
    start(REQUESTS, requestsPerMinute, nowNanos);
    start(TOKENS, tokensPerMinute, nowNanos);
  }

  private void start(int d, long perMinute, long nowNanos) {
    if (perMinute > 0) {
      active = true;
      limit[d] = perMinute;
      left[d] = perMinute;
      resetAt[d] = nowNanos + WINDOW_NANOS;
    }
  }

  /** What one attempt needs of dimension {@code d}. */
  static long need(int d, long input, long output) {
    switch (d) {
      case REQUESTS:
        return 1;
      case TOKENS:
        return input + output;
      case INPUT:
        return input;
      default:
        return output;
    }
  }

  /** Whether {@link #take} may make an attempt wait; until it may, attempts go without taking. */
  boolean active() {
    return active;
  }

  /**
   * Takes what an attempt needs: 0 when taken, else how long until it is there, in nanoseconds
   * (nothing taken). A need larger than a whole limit goes when the budget is whole.
   */
  synchronized long take(long now, long input, long output) {
    long wait = 0;
    if (blocked) {
      wait = blockedUntil - now;
      blocked = wait > 0;
    }
    for (int d = 0; d < DIMENSIONS; d++) {
      if (limit[d] > 0) {
        roll(d, now);
        long need = need(d, input, output);
        if (left[d] - reserve[d] < need && left[d] < limit[d]) {
          wait = Math.max(wait, resetAt[d] - now);
        }
      }
    }
    if (wait > 0) {
      return wait;
    }
    for (int d = 0; d < DIMENSIONS; d++) {
      long need = need(d, input, output);
      inFlight[d] += need;
      if (limit[d] > 0) {
        left[d] -= need;
      }
    }
    return 0;
  }

  /** The request of a taken attempt turned out to need {@code input} more tokens (or fewer). */
  synchronized void adjust(long input) {
    for (int d = TOKENS; d <= INPUT; d++) {
      inFlight[d] += input;
      if (limit[d] > 0) {
        left[d] -= input;
      }
    }
  }

  /** A taken attempt was not sent after all: what it took comes back. */
  synchronized void refund(long input, long output) {
    for (int d = 0; d < DIMENSIONS; d++) {
      long need = need(d, input, output);
      inFlight[d] -= need;
      if (limit[d] > 0) {
        left[d] = Math.min(limit[d], left[d] + need);
      }
    }
  }

  /** A taken attempt ended without a reading: it is no longer in flight, what it took stays taken. */
  synchronized void settle(long input, long output) {
    for (int d = 0; d < DIMENSIONS; d++) {
      inFlight[d] -= need(d, input, output);
    }
  }

  /**
   * The reading of the response to an attempt that needed {@code input} and {@code output}: the
   * provider's word replaces this runtime's count; the attempt, if {@code taken}, is no longer in
   * flight.
   */
  synchronized void learn(long now, long[] reading, boolean taken, long input, long output) {
    for (int d = 0; d < DIMENSIONS; d++) {
      long mine = taken ? need(d, input, output) : 0;
      inFlight[d] -= mine;
      long said = reading[3 * d + 1];
      if (said == ABSENT) {
        continue;
      }
      long saidLimit = reading[3 * d];
      active = true;
      if (saidLimit > 0) {
        limit[d] = saidLimit;
      } else if (limit[d] <= 0) {
        limit[d] = Math.max(said, 1); // a remaining without a limit: at least as large
      }
      roll(d, now);
      long fresh = said - Math.max(0, inFlight[d]);
      long others = rolled[d] ? 0 : left[d] - fresh;
      reserve[d] = Math.max(others, reserve[d] / 2);
      rolled[d] = false;
      left[d] = Math.min(fresh, limit[d]);
      long reset = reading[3 * d + 2];
      resetAt[d] = reset != ABSENT ? reset : resetAt[d] > now ? resetAt[d] : now + WINDOW_NANOS;
    }
  }

  /**
   * The provider refused a request as over its rate limit: nothing more until {@code
   * retryAfterNanos} (when it gave one, else the earliest reset, else a second) has passed.
   */
  synchronized void refused(long now, long retryAfterNanos) {
    long until = retryAfterNanos >= 0 ? now + retryAfterNanos : Long.MAX_VALUE;
    if (retryAfterNanos < 0) {
      for (int d = 0; d < DIMENSIONS; d++) {
        if (limit[d] > 0 && resetAt[d] > now) {
          until = Math.min(until, resetAt[d]);
        }
      }
      until = until == Long.MAX_VALUE ? now + REFUSED_NANOS : until;
    }
    blockedUntil = blocked ? Math.max(blockedUntil, until) : until;
    blocked = true;
    active = true;
  }

  /** At or after its reset, a dimension is whole again, less what is still in flight. */
  private void roll(int d, long now) {
    if (now >= resetAt[d]) {
      left[d] = limit[d] - Math.max(0, inFlight[d]);
      long next = resetAt[d] + WINDOW_NANOS;
      resetAt[d] = next > now ? next : now + WINDOW_NANOS;
      rolled[d] = true;
    }
  }

  /** The dimension that is short, for a message: "requests" or "tokens". */
  synchronized String shortOf(long now, long input, long output) {
    String[] names = {"requests", "tokens", "input tokens", "output tokens"};
    for (int d = 0; d < DIMENSIONS; d++) {
      if (limit[d] > 0 && left[d] - reserve[d] < need(d, input, output)) {
        return names[d] + " (" + Math.max(0, left[d]) + " of " + limit[d] + " left)";
      }
    }
    return blocked && blockedUntil > now ? "everything, after a 429" : "budget";
  }
}
