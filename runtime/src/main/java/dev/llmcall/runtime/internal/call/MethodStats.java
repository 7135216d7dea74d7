package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.CallMetrics;
import dev.llmcall.runtime.ErrorCategory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind one {@link CallMetrics} snapshot: one per method and provider, shared by
 * every client bound to the same runtime. Thread-safe. Internal: not part of the API.
 */
public final class MethodStats {
  private static final ErrorCategory[] CATEGORIES = ErrorCategory.values();

  private final String method;
  private final String provider;
  private final LongAdder calls = new LongAdder();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder successes = new LongAdder();
  private final LongAdder successesAfterRetry = new LongAdder();
  private final LongAdder repairs = new LongAdder();
  private final LongAdder retriesDenied = new LongAdder();
  private final LongAdder shapingWaits = new LongAdder();
  private final LongAdder shapingRejections = new LongAdder();
  private final LongAdder hedges = new LongAdder();
  private final LongAdder hedgesWon = new LongAdder();
  private final LongAdder[] failedAttempts = adders();
  private final LongAdder[] failures = adders();

  public MethodStats(String method, String provider) {
    this.method = method;
    this.provider = provider;
  }

  void callStarted() {
    calls.increment();
  }

  /** An attempt began; a retry is one that repeats a failed attempt, not a repair round. */
  void attemptStarted(boolean retry) {
    attempts.increment();
    if (retry) {
      retries.increment();
    }
  }

  void attemptFailed(ErrorCategory category) {
    failedAttempts[category.ordinal()].increment();
  }

  void succeeded(int attemptCount) {
    successes.increment();
    if (attemptCount > 1) {
      successesAfterRetry.increment();
    }
  }

  void repaired() {
    repairs.increment();
  }

  void retryDenied() {
    retriesDenied.increment();
  }

  void shapingWaited() {
    shapingWaits.increment();
  }

  void shapingRejected() {
    shapingRejections.increment();
  }

  void hedged() {
    hedges.increment();
  }

  void hedgeWon() {
    hedgesWon.increment();
  }

  void failed(ErrorCategory category) {
    failures[category.ordinal()].increment();
  }

  /** A consistent-enough snapshot: each counter is read once. */
  public CallMetrics snapshot() {
    Map<ErrorCategory, Long> byFailure = counts(failures);
    long failureCount = byFailure.values().stream().mapToLong(Long::longValue).sum();
    return new CallMetrics(method, provider, calls.sum(), attempts.sum(), retries.sum(), successes.sum(),
        successesAfterRetry.sum(), repairs.sum(), retriesDenied.sum(), shapingWaits.sum(),
        shapingRejections.sum(), hedges.sum(), hedgesWon.sum(), failureCount,
        counts(failedAttempts), byFailure);
  }

  private static LongAdder[] adders() {
    LongAdder[] a = new LongAdder[CATEGORIES.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  private static Map<ErrorCategory, Long> counts(LongAdder[] adders) {
    Map<ErrorCategory, Long> m = new EnumMap<>(ErrorCategory.class);
    for (ErrorCategory c : CATEGORIES) {
      long n = adders[c.ordinal()].sum();
      if (n > 0) {
        m.put(c, n);
      }
    }
    return m;
  }
}
