package dev.llmcall.runtime.internal.shaping;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.internal.failure.Classification;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * One call's side of rate shaping, asked by the attempt engine before each attempt and told how
 * it went:
 * <pre>
 *   admit(now, remaining) -> GO | a wait in nanoseconds (budget) | PERMIT (wait for pending()) | REJECTED
 *   admitNow(now)         -> GO or nothing at all, for a hedge, which never waits
 *   sending(bodyBytes)    -> the estimate made exact once the body is built
 *   responded(headers)    -> the provider's reading replaces the count
 *   ended(failure)        -> the permit goes back, exactly once; a 429 corrects the budget
 *   cancel()              -> a taken attempt was not sent: everything goes back
 * </pre>
 * An attempt's estimate: one request, {@code ceil(bytes / 4)} input tokens of its request body,
 * and the output tokens it asks for at most. Before the first body is built, the input is
 * estimated from the characters of the prompt's texts (history included, images not), and made
 * exact once it is. Not thread-safe: its call serializes access. Internal: not part of the API.
 */
public final class ShapedCall {
  /** {@link #admit}: send now. */
  public static final long GO = 0;
  /** {@link #admit}: wait for {@link #pending()}, a bulkhead permit. */
  public static final long PERMIT = -1;
  /** {@link #admit}: fail at once; {@link #rejection()} says why. */
  public static final long REJECTED = -2;

  /** The call of a provider that is not shaped: every method does nothing. */
  static final ShapedCall OFF = new ShapedCall(null, null, false, 0, 0, null);

  private final Gate gate;
  private final Budget budget;
  private final boolean stream;
  private final boolean permits;
  private final long output;
  private final Clock clock;
  private long input;
  /** A bulkhead permit is held. */
  private boolean holding;
  /** The attempt's budget was taken and no reading or end settled it yet. */
  private boolean taken;
  private CompletableFuture<Boolean> pending;
  private String rejection;

  ShapedCall(Gate gate, Budget budget, boolean stream, long input, long output, Clock clock) {
    this.gate = gate;
    this.budget = budget;
    this.stream = stream;
    this.permits = gate != null && gate.bulkhead(stream);
    this.input = input;
    this.output = output;
    this.clock = clock;
  }

  /**
   * Before an attempt: whether it may go now ({@link #GO}, its permit and budget taken), must wait
   * this many nanoseconds for budget, must wait for a permit ({@link #PERMIT}), or fails at once
   * ({@link #REJECTED}). Nothing is taken once the deadline passed: the engine ends the call.
   */
  public long admit(long now, long remainingNanos) {
    if (gate == null) {
      return GO;
    }
    CompletableFuture<Boolean> waited = pending;
    if (waited != null) {
      pending = null;
      if (!waited.getNow(true)) {
        return reject("no " + exchanges() + " permit of provider '" + gate.provider
            + "' came free before the call's deadline (" + bulkhead() + " at once)");
      }
    }
    if (remainingNanos <= 0) {
      return GO;
    }
    if (permits) {
      CompletableFuture<Boolean> wait = gate.acquire(stream, remainingNanos);
      if (wait != null) {
        if (wait.isCompletedExceptionally()) {
          return reject("all " + bulkhead() + " " + exchanges() + " permits of provider '"
              + gate.provider + "' are in use and " + queueFull());
        }
        pending = wait;
        return PERMIT;
      }
      holding = true;
    }
    if (!budget.active()) {
      return GO; // nothing known yet: nothing to take, and no lock
    }
    long wait = budget.take(now, input, output);
    if (wait == 0) {
      taken = true;
      return GO;
    }
    release();
    String over = "provider '" + gate.provider + "' is at its rate limit for "
        + budget.shortOf(now, input, output) + " until " + wait / 1_000_000 + " ms from now";
    if (wait >= remainingNanos) {
      return reject(over + ", after the call's deadline (" + remainingNanos / 1_000_000 + " ms left)");
    }
    if (!gate.queueFor(now + wait)) {
      return reject(over + " and " + queueFull());
    }
    return wait;
  }

  /**
   * Before a hedge: true when it may go now, its permit and budget taken; false, with nothing
   * taken and nothing queued, when it would have to wait: a hedge never waits.
   */
  public boolean admitNow(long now) {
    if (gate == null) {
      return true;
    }
    if (permits) {
      if (!gate.tryAcquire(stream)) {
        return false;
      }
      holding = true;
    }
    if (!budget.active() || budget.take(now, input, output) == 0) {
      taken = budget.active();
      return true;
    }
    release();
    return false;
  }

  private long reject(String why) {
    rejection = why;
    return REJECTED;
  }

  private String exchanges() {
    return stream ? "stream" : "request";
  }

  private int bulkhead() {
    return stream ? gate.config.maxConcurrentStreams() : gate.config.maxConcurrentRequests();
  }

  private String queueFull() {
    return gate.config.maxQueued() + " calls already wait (its maxQueued)";
  }

  /** Why {@link #admit} rejected the attempt, for the call's RATE_LIMIT failure. */
  public String rejection() {
    return rejection;
  }

  /** What {@link #PERMIT} waits for: true when a permit was released, false at the deadline. */
  public CompletableFuture<Boolean> pending() {
    return pending;
  }

  /** The attempt's request body is built: its input tokens are counted from its bytes. */
  public void sending(int bodyBytes) {
    long exact = (bodyBytes + 3L) / 4;
    if (taken && exact != input) {
      budget.adjust(exact - input);
    }
    input = exact;
  }

  /** The response's headers arrived, success or failure, plain or streamed. */
  public void responded(HttpHeaders headers, long now) {
    if (gate == null || !gate.config.fromHeaders()) {
      return;
    }
    long[] reading = RateHeaders.read(headers, now, clock);
    if (reading != null) {
      boolean mine = taken; // else the attempt went before anything was known: nothing in flight
      taken = false;
      budget.learn(now, reading, mine, input, output);
    }
  }

  /**
   * The attempt ended: its permit goes back (once, whatever ends it), and a rate-limit failure
   * the provider may lift ({@code failure} retryable, not a spent quota) stops the budget.
   *
   * @param failure the attempt's failure, or {@code null} if it succeeded or was abandoned
   */
  public void ended(Classification failure, long now) {
    if (gate == null) {
      return;
    }
    if (taken) {
      taken = false;
      budget.settle(input, output);
    }
    if (failure != null && failure.category() == ErrorCategory.RATE_LIMIT && failure.retryable()) {
      budget.refused(now, failure.retryAfter() == null ? -1 : failure.retryAfter().toNanos());
    }
    release();
  }

  /** An admitted attempt is not sent after all (the breaker said no): what it took goes back. */
  public void cancel() {
    if (taken) {
      taken = false;
      budget.refund(input, output);
    }
    release();
  }

  private void release() {
    if (holding) {
      holding = false;
      gate.release(stream);
    }
  }
}
