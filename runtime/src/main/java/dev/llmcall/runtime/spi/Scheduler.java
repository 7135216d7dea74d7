package dev.llmcall.runtime.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's sense of elapsed time and its ways of waiting: every deadline, retry wait, stream
 * clock and health probe of a runtime reads and waits on this one scheduler. The system scheduler
 * uses {@link System#nanoTime()}, {@link Thread#sleep} and one shared daemon timer thread; tests
 * pass a virtual one (the testkit's {@code VirtualScheduler}) so that waits take no real time.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder().scheduler(myVirtualScheduler).build();
 * }</pre>
 */
public interface Scheduler {

  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * A future that completes after {@code duration} without blocking any thread meanwhile. It may
   * complete on a timer thread: a caller that does real work next continues on its own executor.
   */
  CompletableFuture<Void> after(Duration duration);

  /**
   * Runs {@code task} once, {@code delay} from now, on a timer thread. The task must be short and
   * must not block: the runtime uses it for clocks and probes, which only look and cancel.
   * Cancelling the returned handle before then keeps the task from running.
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** Real time. */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /** A scheduled task that has not run yet, or has. */
  @FunctionalInterface
  interface Cancellable {
    /** Keeps the task from running if it has not started; does nothing otherwise. */
    void cancel();
  }
}

/** The real-time {@link Scheduler}. */
enum SystemScheduler implements Scheduler {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }

  @Override
  public CompletableFuture<Void> after(Duration duration) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    schedule(duration, () -> done.complete(null));
    return done;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future =
        TimerThread.EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /**
   * One daemon thread for the whole JVM, made on first use (as the JDK's own delayed executor
   * is): a runtime's timers are cancelled when it closes, the thread outlives it.
   */
  private static final class TimerThread {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "llmcall-timer");
        t.setDaemon(true);
        return t;
      });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
