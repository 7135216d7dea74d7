package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private final VirtualScheduler time = new VirtualScheduler();

  @Test
  void waitsJumpTimeAndAreRecorded() {
    long start = time.nanoTime();
    time.sleep(Duration.ofSeconds(2));
    assertTrue(time.after(Duration.ofMillis(500)).isDone());
    assertEquals(Duration.ofMillis(2500).toNanos(), time.nanoTime() - start);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(500)), time.waits());
  }

  @Test
  void timersRunInDueOrderWhenTimePassesThem() {
    List<String> ran = new ArrayList<>();
    long start = time.nanoTime();
    time.schedule(Duration.ofSeconds(3), () -> ran.add("3s at " + (time.nanoTime() - start)));
    time.schedule(Duration.ofSeconds(1), () -> ran.add("1s at " + (time.nanoTime() - start)));
    time.advance(Duration.ofMillis(999));
    assertEquals(List.of(), ran);
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of("1s at 1000000000", "3s at 3000000000"), ran);
    assertEquals(0, time.pendingTimers());
    assertEquals(List.of(), time.waits(), "advancing is not a wait");
  }

  @Test
  void aTimerMayScheduleTheNextOneAndAWaitFiresTimersOnTheWay() {
    List<Long> ticks = new ArrayList<>();
    long start = time.nanoTime();
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> {
      ticks.add((time.nanoTime() - start) / 1_000_000);
      time.schedule(Duration.ofMillis(100), tick[0]);
    };
    time.schedule(Duration.ofMillis(100), tick[0]);
    time.sleep(Duration.ofMillis(350));
    assertEquals(List.of(100L, 200L, 300L), ticks);
  }

  @Test
  void aCancelledTimerNeverRuns() {
    List<String> ran = new ArrayList<>();
    Scheduler.Cancellable timer = time.schedule(Duration.ofSeconds(1), () -> ran.add("ran"));
    timer.cancel();
    time.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), ran);
    assertEquals(0, time.pendingTimers());
  }
}
