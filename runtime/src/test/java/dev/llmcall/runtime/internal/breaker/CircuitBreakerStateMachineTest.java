package dev.llmcall.runtime.internal.breaker;

import static dev.llmcall.runtime.CircuitBreaker.State.CLOSED;
import static dev.llmcall.runtime.CircuitBreaker.State.HALF_OPEN;
import static dev.llmcall.runtime.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.ErrorCategory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The breaker's automatic moves, stepped through on a virtual clock (issue #4). Each step says
 * what happens and what the breaker must do about it. Manual controls, reconfiguring, listeners
 * and metrics are in {@link CircuitBreakerControlsTest}.
 */
class CircuitBreakerStateMachineTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private static CircuitBreakerConfig.Builder config() {
    return CircuitBreakerConfig.builder();
  }

  /** A breaker that opens on its first failure, for 10 s, and closes after {@code trials}. */
  private static BreakerFixture opensOnFirstFailure(int trials) {
    return new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .maxOpenDuration(Duration.ofMinutes(5)).halfOpenTrials(trials).build());
  }

  @Test
  void opensAfterConsecutiveFailures() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(3).build());
    // 1. Two failures, then a success: the success ends the run.
    f.fail();
    f.fail();
    f.succeed();
    assertEquals(0, f.breaker.metrics().consecutiveFailures());
    // 2. Two more failures: two in a row, below three.
    f.fail();
    f.fail();
    assertEquals(CLOSED, f.breaker.state());
    // 3. The third in a row opens it, and the transition says why.
    f.fail();
    assertEquals(OPEN, f.breaker.state());
    assertEquals(List.of("CLOSED->OPEN"), f.moves());
    assertEquals("3 consecutive failures", f.lastReason());
  }

  @Test
  void opensOnFailureRateOnceMinimumCallsReachedInACountWindow() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(0)
        .failureRateThreshold(0.75).minimumCalls(4).window(SlidingWindow.count(4)).build());
    // 1. Fail, succeed, fail: 2 of 3 failed, but the window holds fewer than minimumCalls.
    f.fail();
    f.succeed();
    f.fail();
    assertTrue(Double.isNaN(f.breaker.metrics().failureRate()));
    // 2. A success makes 4 calls, 2 failed: 50%, below 75%.
    f.succeed();
    assertEquals(0.5, f.breaker.metrics().failureRate());
    // 3. A failure pushes the oldest call (a failure) out: still 2 of 4.
    f.fail();
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0.5, f.breaker.metrics().failureRate());
    // 4. Another failure pushes a success out: 3 of 4 is 75%, and it opens.
    f.fail();
    assertEquals(OPEN, f.breaker.state());
    assertEquals("failure rate 75% of 4 calls reached 75%", f.lastReason());
  }

  @Test
  void rateRuleIsCheckedAfterASuccessToo() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(0).minimumCalls(10).build());
    // 1. Nine failures: 9 calls, below minimumCalls.
    for (int i = 0; i < 9; i++) {
      f.fail();
    }
    assertEquals(CLOSED, f.breaker.state());
    // 2. A success is the tenth call: 90% failed, so it opens on a success.
    f.succeed();
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void opensOnFailureRateInATimeWindowThatForgetsOldSeconds() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(0).failureRateThreshold(0.6)
        .minimumCalls(4).window(SlidingWindow.time(TEN_SECONDS)).build());
    // 1. Three failures in second 0: below minimumCalls.
    f.fail();
    f.fail();
    f.fail();
    // 2. 9 s later they are still in the 10 s window.
    f.advance(Duration.ofSeconds(9));
    assertEquals(3, f.breaker.metrics().callsInWindow());
    // 3. 1 s later (10 s after them) they are gone.
    f.advance(Duration.ofSeconds(1));
    assertEquals(0, f.breaker.metrics().callsInWindow());
    // 4. A success now makes 1 call, not 4 calls at 75% (which would have opened it).
    f.succeed();
    assertEquals(CLOSED, f.breaker.state());
    // 5. A second later: fail, fail makes 3 calls; a third failure makes 4 calls, 75%: open.
    f.advance(Duration.ofSeconds(1));
    f.fail();
    f.fail();
    assertEquals(CLOSED, f.breaker.state());
    f.fail();
    assertEquals(OPEN, f.breaker.state());
    assertEquals("failure rate 75% of 4 calls reached 60%", f.lastReason());
  }

  @Test
  void slowCallsCountAsFailuresWhenConfigured() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(2)
        .slowCallDuration(Duration.ofSeconds(2)).build());
    // 1. A success in 1 s is a plain success.
    f.succeedIn(Duration.ofSeconds(1));
    assertEquals(0, f.breaker.metrics().failuresInWindow());
    // 2. A success in 3 s counts as a failure, and as a slow call.
    f.succeedIn(Duration.ofSeconds(3));
    assertEquals(1, f.breaker.metrics().failuresInWindow());
    assertEquals(1, f.breaker.metrics().slowCallsInWindow());
    // 3. A second slow success is the second failure in a row: open.
    f.succeedIn(Duration.ofSeconds(3));
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void slowCallsAreOffByDefault() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).build());
    // 1. A success that took ten minutes is still a success.
    f.succeedIn(Duration.ofMinutes(10));
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().slowCallsInWindow());
  }

  @Test
  void rateLimitCountsOnlyWhenConfigured() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(2).build());
    // 1. By default a 429 is ignored, as the pipeline does with what countsAsFailure rejects.
    for (int i = 0; i < 5; i++) {
      f.failWith(ErrorCategory.RATE_LIMIT);
    }
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().callsInWindow());
    // 2. With rateLimitIsFailure, two 429s in a row open it.
    f.breaker.reconfigure(f.breaker.config().toBuilder().rateLimitIsFailure(true).build());
    f.failWith(ErrorCategory.RATE_LIMIT);
    f.failWith(ErrorCategory.RATE_LIMIT);
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void callersMistakesNeverCount() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).rateLimitIsFailure(true).build());
    // 1. Ten of each caller's mistake, and UNKNOWN: nothing is recorded.
    for (ErrorCategory c : List.of(ErrorCategory.AUTHENTICATION, ErrorCategory.VALIDATION,
        ErrorCategory.CONTENT_FILTER, ErrorCategory.UNKNOWN)) {
      for (int i = 0; i < 10; i++) {
        f.failWith(c);
      }
    }
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().callsInWindow());
  }

  @Test
  void ignoredOutcomesChangeNothing() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(2).build());
    // 1. One failure: one in a row.
    f.fail();
    // 2. Ten ignored outcomes neither count nor end the run.
    for (int i = 0; i < 10; i++) {
      f.breaker.onIgnored(f.permit());
    }
    assertEquals(1, f.breaker.metrics().callsInWindow());
    assertEquals(1, f.breaker.metrics().consecutiveFailures());
    // 3. The next failure is the second in a row: open.
    f.fail();
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void openRejectsCountsRejectionsAndHalfOpensAfterItsTime() {
    BreakerFixture f = opensOnFirstFailure(1);
    // 1. A failure opens it for 10 s.
    f.fail();
    assertEquals(TEN_SECONDS, f.breaker.remainingOpenTime());
    // 2. Calls are rejected, and counted.
    assertTrue(f.rejects());
    assertTrue(f.rejects());
    assertEquals(2, f.breaker.metrics().rejectedCalls());
    // 3. 9 s later: 1 s to go, still rejecting.
    f.advance(Duration.ofSeconds(9));
    assertEquals(Duration.ofSeconds(1), f.breaker.remainingOpenTime());
    assertTrue(f.rejects());
    // 4. At 10 s, merely looking finds it HALF_OPEN; it has no open time left.
    f.advance(Duration.ofSeconds(1));
    assertEquals(HALF_OPEN, f.breaker.state());
    assertEquals(Duration.ZERO, f.breaker.remainingOpenTime());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN"), f.moves());
    assertEquals("open time passed", f.lastReason());
  }

  @Test
  void openTimeGrowsOnEachReopenCapsAndStartsOverAfterAClose() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .openDurationMultiplier(2).maxOpenDuration(Duration.ofSeconds(35)).halfOpenTrials(1).build());
    // 1. The first opening: 10 s.
    f.fail();
    assertEquals(Duration.ofSeconds(10), f.breaker.remainingOpenTime());
    // 2. The trial fails: re-opened without a close, 10 s * 2.
    f.advance(Duration.ofSeconds(10));
    f.fail();
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
    // 3. Again: 40 s, capped at 35 s.
    f.advance(Duration.ofSeconds(20));
    f.fail();
    assertEquals(Duration.ofSeconds(35), f.breaker.remainingOpenTime());
    // 4. And again: stays at the cap.
    f.advance(Duration.ofSeconds(35));
    f.fail();
    assertEquals(Duration.ofSeconds(35), f.breaker.remainingOpenTime());
    // 5. The trial succeeds: closed.
    f.advance(Duration.ofSeconds(35));
    f.succeed();
    assertEquals(CLOSED, f.breaker.state());
    // 6. The next opening starts from 10 s again.
    f.fail();
    assertEquals(Duration.ofSeconds(10), f.breaker.remainingOpenTime());
  }

  @Test
  void retryHintLongerThanTheOpenTimeExtendsIt() {
    BreakerFixture f = opensOnFirstFailure(1);
    // 1. A 429 with retry-after 2 min opens it for 2 min, not 10 s.
    f.failWithHint(Duration.ofMinutes(2));
    assertEquals(Duration.ofMinutes(2), f.breaker.remainingOpenTime());
    // 2. The trial fails with a 5 s hint: the grown open time (20 s) is longer, and wins.
    f.advance(Duration.ofMinutes(2));
    f.failWithHint(Duration.ofSeconds(5));
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
    // 3. The trial fails with a 1 h hint: beyond the 5 min cap, and still honoured.
    f.advance(Duration.ofSeconds(20));
    f.failWithHint(Duration.ofHours(1));
    assertEquals(Duration.ofHours(1), f.breaker.remainingOpenTime());
  }

  @Test
  void halfOpenAllowsExactlyTheTrialsAndAllTheirSuccessesClose() {
    BreakerFixture f = opensOnFirstFailure(3);
    f.fail();
    f.advance(TEN_SECONDS);
    // 1. Three trial permits, each stamped HALF_OPEN; the fourth and fifth call are rejected.
    long[] trials = {f.permit(), f.permit(), f.permit()};
    assertEquals(HALF_OPEN, BreakerState.stateOf(trials[0]));
    assertTrue(f.rejects());
    assertTrue(f.rejects());
    assertEquals(2, f.breaker.metrics().rejectedCalls());
    // 2. One success: still HALF_OPEN, and a success keeps its permit, so calls stay rejected.
    f.breaker.onSuccess(trials[0], BreakerFixture.CALL_NANOS);
    assertEquals(HALF_OPEN, f.breaker.state());
    assertTrue(f.rejects());
    // 3. The other two succeed: closed.
    f.breaker.onSuccess(trials[1], BreakerFixture.CALL_NANOS);
    f.breaker.onSuccess(trials[2], BreakerFixture.CALL_NANOS);
    assertEquals(CLOSED, f.breaker.state());
    assertEquals("3 trial calls succeeded", f.lastReason());
    // 4. Calls go through again.
    assertFalse(f.rejects());
  }

  @Test
  void oneTrialFailureReopens() {
    BreakerFixture f = opensOnFirstFailure(3);
    f.fail();
    f.advance(TEN_SECONDS);
    long[] trials = {f.permit(), f.permit(), f.permit()};
    // 1. The first trial succeeds, the second fails: open again, for twice as long.
    f.breaker.onSuccess(trials[0], BreakerFixture.CALL_NANOS);
    f.breaker.onFailure(trials[1], BreakerFixture.CALL_NANOS, null);
    assertEquals(OPEN, f.breaker.state());
    assertEquals("a trial call failed", f.lastReason());
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
    // 2. The third trial's success comes late: it belongs to the old HALF_OPEN and is ignored.
    f.breaker.onSuccess(trials[2], BreakerFixture.CALL_NANOS);
    assertEquals(OPEN, f.breaker.state());
  }

  @Test
  void slowTrialReopens() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .slowCallDuration(Duration.ofSeconds(5)).halfOpenTrials(1).build());
    f.fail();
    f.advance(TEN_SECONDS);
    // 1. The trial succeeds, but in 6 s: the provider is still unwell.
    f.succeedIn(Duration.ofSeconds(6));
    assertEquals(OPEN, f.breaker.state());
    assertEquals("a trial call was slower than PT5S", f.lastReason());
  }

  @Test
  void ignoredTrialGivesItsPermitBack() {
    BreakerFixture f = opensOnFirstFailure(2);
    f.fail();
    f.advance(TEN_SECONDS);
    // 1. Two trials; a third call is rejected.
    long first = f.permit();
    long second = f.permit();
    assertTrue(f.rejects());
    // 2. The first trial gets a 400, which says nothing: its permit is free again.
    f.breaker.onIgnored(first);
    long third = f.permit();
    // 3. The two trials that answered succeed: closed.
    f.breaker.onSuccess(second, BreakerFixture.CALL_NANOS);
    f.breaker.onSuccess(third, BreakerFixture.CALL_NANOS);
    assertEquals(CLOSED, f.breaker.state());
  }

  @Test
  void maxTimeInHalfOpenClosesAfterASuccessfulTrial() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(3).maxHalfOpenDuration(Duration.ofSeconds(60)).build());
    f.fail();
    f.advance(TEN_SECONDS);
    // 1. One trial succeeds, a second never answers, no third call comes.
    f.succeed();
    long hanging = f.permit();
    // 2. 59 s in: still waiting.
    f.advance(Duration.ofSeconds(59));
    assertEquals(HALF_OPEN, f.breaker.state());
    // 3. 60 s in: one success and no failure is enough; closed.
    f.advance(Duration.ofSeconds(1));
    assertEquals(CLOSED, f.breaker.state());
    assertEquals("no decision after PT1M in HALF_OPEN: 1 trial call succeeded", f.lastReason());
    // 4. The hanging trial fails at last: stale, ignored.
    f.breaker.onFailure(hanging, BreakerFixture.CALL_NANOS, null);
    assertEquals(CLOSED, f.breaker.state());
  }

  @Test
  void maxTimeInHalfOpenWithoutAnyTrialReopensWithoutGrowingTheOpenTime() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(1).maxHalfOpenDuration(Duration.ofSeconds(60)).build());
    // 1. Open for 10 s, then HALF_OPEN with no traffic at all.
    f.fail();
    f.advance(TEN_SECONDS);
    assertEquals(HALF_OPEN, f.breaker.state());
    // 2. A trial gets a 400 and gives its permit back: still nothing learnt.
    f.breaker.onIgnored(f.permit());
    // 3. 60 s later: back to OPEN for the same 10 s, since nothing was learnt.
    f.advance(Duration.ofSeconds(60));
    assertEquals(OPEN, f.breaker.state());
    assertEquals("no decision after PT1M in HALF_OPEN: no trial call ran", f.lastReason());
    assertEquals(TEN_SECONDS, f.breaker.remainingOpenTime());
    // 4. Next HALF_OPEN, a trial fails: the growth goes on from where it was (20 s).
    f.advance(TEN_SECONDS);
    f.fail();
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
  }

  @Test
  void maxTimeInHalfOpenWithHangingTrialsReopensAndGrowsTheOpenTime() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(2).maxHalfOpenDuration(Duration.ofSeconds(60)).build());
    f.fail();
    f.advance(TEN_SECONDS);
    // 1. A trial goes out and never answers.
    f.permit();
    // 2. 60 s later: no success, so OPEN again, and a trial that hangs a minute counts against it.
    f.advance(Duration.ofSeconds(60));
    assertEquals(OPEN, f.breaker.state());
    assertEquals("no decision after PT1M in HALF_OPEN: 1 trial call did not answer", f.lastReason());
    assertEquals(Duration.ofSeconds(20), f.breaker.remainingOpenTime());
  }

  @Test
  void outcomesWithAStampFromAnOlderEpochAreIgnored() {
    BreakerFixture f = new BreakerFixture(config().failureThreshold(1).openDuration(TEN_SECONDS)
        .halfOpenTrials(1).build());
    // 1. A call starts in CLOSED; its stamp says so.
    long fromClosed = f.permit();
    assertEquals(CLOSED, BreakerState.stateOf(fromClosed));
    // 2. Another call fails: OPEN.
    f.fail();
    // 3. The first call fails late: it neither adds a failure nor restarts the open time.
    f.advance(Duration.ofSeconds(5));
    f.breaker.onFailure(fromClosed, BreakerFixture.CALL_NANOS, Duration.ofHours(1));
    assertEquals(Duration.ofSeconds(5), f.breaker.remainingOpenTime());
    assertEquals(List.of("CLOSED->OPEN"), f.moves());
    // 4. HALF_OPEN with one trial out; the first call's success would have closed it: ignored.
    f.advance(Duration.ofSeconds(5));
    long trial = f.permit();
    f.breaker.onSuccess(fromClosed, BreakerFixture.CALL_NANOS);
    assertEquals(HALF_OPEN, f.breaker.state());
    // 5. A reset starts a new epoch: the trial's failure, now stale, is not counted in CLOSED.
    f.breaker.reset();
    f.breaker.onFailure(trial, BreakerFixture.CALL_NANOS, null);
    assertEquals(CLOSED, f.breaker.state());
    assertEquals(0, f.breaker.metrics().callsInWindow());
  }

  @Test
  void healthCheckSuccessHalfOpensAnOpenBreakerAtOnce() {
    BreakerFixture f = opensOnFirstFailure(1);
    // 1. In CLOSED a health check changes nothing.
    f.breaker.onHealthCheckSuccess();
    assertEquals(List.of(), f.moves());
    // 2. Open, 1 s in: a successful probe half-opens it without waiting the other 9 s.
    f.fail();
    f.advance(Duration.ofSeconds(1));
    f.breaker.onHealthCheckSuccess();
    assertEquals(HALF_OPEN, f.breaker.state());
    assertEquals("a health check succeeded", f.lastReason());
  }
}
