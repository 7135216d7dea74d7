package dev.llmcall.runtime.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.RetryBudget;
import dev.llmcall.runtime.spi.CallSite.Hedge;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hedge's delay (fixed, or a target's observed percentile) and its budget (#13). */
class HedgingTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong clock = new AtomicLong();

  private Hedging hedging(Hedge hedge, RetryBudget budget) {
    return new Hedging(hedge, new RetryBank(budget, clock::get), 2);
  }

  @Test
  void aFixedDelayIgnoresWhatTheTargetDid() {
    Hedging h = hedging(Hedge.after(Duration.ofSeconds(2)), RetryBudget.unlimited());
    for (int i = 0; i < 50; i++) {
      h.firstToken(0, 100 * MS);
    }
    assertEquals(2_000 * MS, h.delayNanos(0));
  }

  @Test
  void thePercentileTakesOverOnceTheTargetHasEnoughSamples() {
    Hedging h = hedging(Hedge.after(Duration.ofSeconds(2)).percentile(95), RetryBudget.unlimited());
    for (int i = 1; i < Hedge.MIN_SAMPLES; i++) {
      h.firstToken(0, i * 10 * MS);
    }
    assertEquals(2_000 * MS, h.delayNanos(0), "the set delay until " + Hedge.MIN_SAMPLES + " samples");
    h.firstToken(0, 200 * MS); // 10, 20, ..., 200 ms: the 95th percentile is the 19th, 190 ms
    assertEquals(190 * MS, h.delayNanos(0));
    assertEquals(2_000 * MS, h.delayNanos(1), "each target has its own samples");
  }

  @Test
  void onlyTheLastSamplesCount() {
    Hedging h = hedging(Hedge.after(Duration.ofSeconds(2)).percentile(50), RetryBudget.unlimited());
    for (int i = 0; i < FirstTokenTimes.SIZE; i++) {
      h.firstToken(0, 5_000 * MS);
    }
    assertEquals(5_000 * MS, h.delayNanos(0));
    assertEquals(5_000 * MS, h.delayNanos(0), "asked again with no new sample: the same");
    for (int i = 0; i < FirstTokenTimes.SIZE; i++) {
      h.firstToken(0, 300 * MS);
    }
    assertEquals(300 * MS, h.delayNanos(0), "new samples make a new percentile");
  }

  @Test
  void theBudgetAllowsATenthOfTheCallsOfItsWindowWithNoFloor() {
    Hedging h = hedging(Hedge.after(Duration.ofSeconds(2)),
        new RetryBudget(0.1, 0, Duration.ofSeconds(10)));
    for (int i = 0; i < 9; i++) {
      h.called();
    }
    assertFalse(h.allowed(), "9 calls: 0.9 of a hedge");
    h.called();
    assertTrue(h.allowed());
    assertFalse(h.allowed());
    clock.addAndGet(Duration.ofSeconds(11).toNanos()); // the window forgets them
    h.called();
    assertFalse(h.allowed());
  }

  @Test
  void aHedgeIsCheckedWhenItIsMade() {
    assertThrows(IllegalArgumentException.class, () -> Hedge.after(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Hedge.after(Duration.ofSeconds(1)).percentile(40));
    assertThrows(IllegalArgumentException.class, () -> Hedge.after(Duration.ofSeconds(1)).percentile(100));
  }
}
