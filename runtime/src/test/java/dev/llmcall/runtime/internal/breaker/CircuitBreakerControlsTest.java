package dev.llmcall.runtime.internal.breaker;

import static dev.llmcall.runtime.CircuitBreaker.State.CLOSED;
import static dev.llmcall.runtime.CircuitBreaker.State.DISABLED;
import static dev.llmcall.runtime.CircuitBreaker.State.FORCED_OPEN;
import static dev.llmcall.runtime.CircuitBreaker.State.HALF_OPEN;
import static dev.llmcall.runtime.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.CircuitBreakerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What people do to a breaker: reset, force open, disable, reconfigure, listen and read its
 * metrics; and the transition table itself (issue #4). Steps run on a virtual clock.
 */
class CircuitBreakerControlsTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private static CircuitBreakerConfig.Builder config() {
    return CircuitBreakerConfig.builder();
  }

  @Test
  void resetClosesClearsTheWindowAndForgetsTheGrowth() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(1).build());
    // 1. Open, then a failed trial: open for 20 s.
    f.fail();
    f.advance(TEN_SECONDS);
    f.fail();
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
    // 2. Reset: CLOSED, with an empty window.
    f.breaker.reset();
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().callsInWindow());
    assertEquals("reset", f.lastReason());
    // 3. The next opening is 10 s again.
    f.fail();
    assertEquals(TEN_SECONDS, f.breaker.remainingOpenTime());
  }

  @Test
  void resetOfAClosedBreakerClearsItsWindow() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(3).build());
    // 1. Two failures in a row.
    f.fail();
    f.fail();
    // 2. Reset: a CLOSED->CLOSED transition, and the run is gone.
    f.breaker.reset();
    assertEquals(List.of("CLOSED->CLOSED"), f.moves());
    assertEquals(0, f.breaker.metrics().consecutiveFailures());
    // 3. One more failure does not open it.
    f.fail();
    assertEquals(CLOSED, f.breaker.state());
  }

  @Test
  void forceOpenRejectsEverythingUntilReset() {
    BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
    // 1. Forced open: calls are rejected and counted; there is no open time to wait for.
    f.breaker.forceOpen();
    assertTrue(f.rejects());
    assertEquals(1, f.breaker.metrics().rejectedCalls());
    assertEquals(Duration.ZERO, f.breaker.remainingOpenTime());
    // 2. An hour later: still forced open.
    f.advance(Duration.ofHours(1));
    assertEquals(FORCED_OPEN, f.breaker.state());
    // 3. Forcing it again changes nothing.
    f.breaker.forceOpen();
    assertEquals(List.of("CLOSED->FORCED_OPEN"), f.moves());
    // 4. Reset: calls go through.
    f.breaker.reset();
    assertFalse(f.rejects());
    assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->CLOSED"), f.moves());
  }

  @Test
  void disablePermitsEverythingAndRecordsNothingUntilReset() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).build());
    // 1. Disabled: a hundred failures go through, and none is counted.
    f.breaker.disable();
    for (int i = 0; i < 100; i++) {
      f.fail();
    }
    assertEquals(DISABLED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().callsInWindow());
    // 2. Forcing it open from DISABLED is allowed; disabling again from there too.
    f.breaker.forceOpen();
    f.breaker.disable();
    // 3. Reset: counting again; one failure opens it.
    f.breaker.reset();
    f.fail();
    assertEquals(OPEN, f.breaker.state());
    assertEquals(List.of("CLOSED->DISABLED", "DISABLED->FORCED_OPEN", "FORCED_OPEN->DISABLED",
        "DISABLED->CLOSED", "CLOSED->OPEN"), f.moves());
  }

  @Test
  void lowerFailureThresholdTakesEffectOnTheNextFailure() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(5).build());
    // 1. Three failures in a row, below five.
    f.fail();
    f.fail();
    f.fail();
    // 2. The threshold drops to four: nothing happens until the next call.
    f.breaker.reconfigure(f.breaker.config().toBuilder().failureThreshold(4).build());
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(4, f.breaker.config().failureThreshold());
    // 3. The fourth failure in a row opens it.
    f.fail();
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void reconfigureKeepsTheWindowOnlyWhenItsShapeIsUnchanged() {
    BreakerFixture f = new BreakerFixture(config().window(SlidingWindow.count(20)).build());
    // 1. Five calls in the window.
    for (int i = 0; i < 5; i++) {
      f.succeed();
    }
    // 2. Another threshold, the same window: the five calls stay.
    f.breaker.reconfigure(f.breaker.config().toBuilder().failureRateThreshold(0.9).build());
    assertEquals(5, f.breaker.metrics().callsInWindow());
    // 3. A larger window: a new, empty one.
    f.breaker.reconfigure(f.breaker.config().toBuilder().window(SlidingWindow.count(30)).build());
    assertEquals(0, f.breaker.metrics().callsInWindow());
    // 4. A time window: new again, and it counts.
    f.breaker.reconfigure(f.breaker.config().toBuilder()
        .window(SlidingWindow.time(Duration.ofSeconds(30))).build());
    f.succeed();
    assertEquals(1, f.breaker.metrics().callsInWindow());
  }

  @Test
  void listenersGetEveryTransitionInOrder() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(1).build());
    // 1. Through every kind of state: open, half-open, closed, forced open, disabled, closed.
    f.fail();
    f.advance(TEN_SECONDS);
    f.succeed();
    f.breaker.forceOpen();
    f.breaker.disable();
    f.breaker.reset();
    // 2. Each transition arrived once, in order, from the previous one's target.
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED",
        "CLOSED->FORCED_OPEN", "FORCED_OPEN->DISABLED", "DISABLED->CLOSED"), f.moves());
    assertTrue(f.seen.stream().allMatch(t -> t.breaker().equals("openai")));
  }

  @Test
  void throwingListenerDoesNotBreakTheBreaker() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).build());
    List<State> after = new ArrayList<>();
    // 1. A listener that always throws, then one that records.
    f.breaker.addListener(t -> {
      throw new IllegalStateException("listener bug (expected by this test)");
    });
    f.breaker.addListener(t -> after.add(t.to()));
    // 2. A failure opens it: no exception reaches the caller; the later listener still hears.
    f.fail();
    assertEquals(OPEN, f.breaker.state());
    assertEquals(List.of(OPEN), after);
    // 3. It keeps working.
    f.breaker.reset();
    f.succeed();
    assertEquals(List.of(OPEN, CLOSED), after);
  }

  @Test
  void listenerThatChangesTheBreakerSeesItsChangeAfterTheCurrentOne() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).build());
    // 1. A listener that resets the breaker whenever it opens (re-entrant).
    f.breaker.addListener(t -> {
      if (t.to() == OPEN) {
        f.breaker.reset();
      }
    });
    // 2. A failure opens it; the reset follows, and both arrive in order.
    f.fail();
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->CLOSED"), f.moves());
  }

  @Test
  void metricsSnapshotShowsTheWindowRejectionsTimeAndTransitions() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(0).failureRateThreshold(0.9)
        .minimumCalls(5).window(SlidingWindow.count(10)).slowCallDuration(Duration.ofSeconds(1)).build());
    // 1. Success, slow success, failure, slow failure: 3 count as failures, 2 were slow.
    f.succeed();
    f.succeedIn(Duration.ofSeconds(2));
    f.fail();
    f.breaker.onFailure(f.permit(), Duration.ofSeconds(2).toNanos(), null);
    CircuitBreakerMetrics m = f.breaker.metrics();
    assertEquals(4, m.callsInWindow());
    assertEquals(3, m.failuresInWindow());
    assertEquals(2, m.slowCallsInWindow());
    assertEquals(3, m.consecutiveFailures());
    assertTrue(Double.isNaN(m.failureRate()), "fewer than minimumCalls");
    // 2. A fifth call, a success: the rate is 3 of 5, the run is over.
    f.succeed();
    f.advance(Duration.ofSeconds(7));
    m = f.breaker.metrics();
    assertEquals(0.6, m.failureRate(), 1e-9);
    assertEquals(0, m.consecutiveFailures());
    assertEquals(Duration.ofSeconds(7), m.timeInState());
    // 3. Forced open, two rejections, 3 s later.
    f.breaker.forceOpen();
    f.rejects();
    f.rejects();
    f.advance(Duration.ofSeconds(3));
    m = f.breaker.metrics();
    assertEquals(new CircuitBreakerMetrics("openai", FORCED_OPEN, 0.6, 5, 3, 2, 0, 2,
        Duration.ofSeconds(3), Map.of("CLOSED->FORCED_OPEN", 1L)), m);
    // 4. The transitions are a sorted copy that cannot be changed.
    f.breaker.reset();
    assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->CLOSED"),
        List.copyOf(f.breaker.metrics().transitions().keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> f.breaker.metrics().transitions().put("x", 1L));
  }

  @Test
  void transitionTableAllowsExactlyTheListedMoves() {
    Map<State, Set<State>> legal = Map.of(
        CLOSED, EnumSet.of(CLOSED, OPEN, FORCED_OPEN, DISABLED),
        OPEN, EnumSet.of(HALF_OPEN, CLOSED, FORCED_OPEN, DISABLED),
        HALF_OPEN, EnumSet.of(CLOSED, OPEN, FORCED_OPEN, DISABLED),
        FORCED_OPEN, EnumSet.of(CLOSED, DISABLED),
        DISABLED, EnumSet.of(CLOSED, FORCED_OPEN));
    for (State from : State.values()) {
      for (State to : State.values()) {
        assertEquals(legal.get(from).contains(to), BreakerTransitions.isLegal(from, to), from + "->" + to);
      }
    }
  }

  @Test
  void transitionTableRejectsIllegalMoves() {
    // Among them: skipping OPEN, leaving a hand-set state by itself, and HALF_OPEN to itself.
    for (State[] move : new State[][] {{CLOSED, HALF_OPEN}, {OPEN, OPEN}, {HALF_OPEN, HALF_OPEN},
        {FORCED_OPEN, HALF_OPEN}, {FORCED_OPEN, OPEN}, {DISABLED, OPEN}}) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> BreakerTransitions.check(move[0], move[1]));
      assertEquals("illegal circuit breaker transition " + move[0] + "->" + move[1], e.getMessage());
    }
  }
}
