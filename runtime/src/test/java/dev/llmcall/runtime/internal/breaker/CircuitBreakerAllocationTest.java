package dev.llmcall.runtime.internal.breaker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmcall.runtime.CircuitBreakerConfig.SlidingWindow;
import dev.llmcall.runtime.CircuitBreakerConfig;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The happy path (acquire, then onSuccess, in CLOSED) allocates nothing (issue #4). Measured with
 * the JVM's per-thread allocation counter around 100,000 calls after a warm-up; a few KB of slack
 * cover the counter's own noise (e.g. a TLAB refill) but not 100,000 allocations, which would be
 * at least 1.6 MB. {@code CircuitBreakerBenchmark} with {@code -prof gc} gives the exact figure.
 */
class CircuitBreakerAllocationTest {
  private static final int CALLS = 100_000;
  private static final long SLACK_BYTES = 4_096;

  @Test
  void happyPathAllocatesNothingWithACountWindow() throws Exception {
    assertAllocatesNothing(CircuitBreakerConfig.defaults());
  }

  @Test
  void happyPathAllocatesNothingWithATimeWindowAndSlowCalls() throws Exception {
    assertAllocatesNothing(CircuitBreakerConfig.builder()
        .window(SlidingWindow.time(Duration.ofSeconds(60)))
        .slowCallDuration(Duration.ofSeconds(5)).build());
  }

  private static void assertAllocatesNothing(CircuitBreakerConfig config) throws Exception {
    AllocationCounter counter = AllocationCounter.forCurrentThread();
    assumeTrue(counter != null, "this JVM does not count allocated bytes per thread");
    AtomicLong nanos = new AtomicLong();
    DefaultCircuitBreaker breaker = new DefaultCircuitBreaker("alloc", config, nanos::get);
    for (int round = 0; round < 20; round++) { // warm-up: let the JIT compile the path
      run(breaker, nanos);
    }
    long before = counter.bytes();
    run(breaker, nanos);
    long allocated = counter.bytes() - before;
    assertTrue(allocated < SLACK_BYTES, allocated + " bytes for " + CALLS + " calls");
  }

  private static void run(DefaultCircuitBreaker breaker, AtomicLong nanos) {
    for (int i = 0; i < CALLS; i++) {
      long permit = breaker.acquire();
      breaker.onSuccess(permit, 1_000_000);
      nanos.addAndGet(1_000); // 0.1 s per round of calls: the time window moves too
    }
  }

  /**
   * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, reached by
   * reflection: the runtime module does not read {@code java.management} or
   * {@code jdk.management}, and its tests run inside it.
   */
  private static final class AllocationCounter {
    private final Object bean;
    private final Method bytes;

    private AllocationCounter(Object bean, Method bytes) {
      this.bean = bean;
      this.bytes = bytes;
    }

    static AllocationCounter forCurrentThread() {
      try {
        Object bean = Class.forName("java.lang.management.ManagementFactory")
            .getMethod("getThreadMXBean").invoke(null);
        Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
        if (!sunBean.isInstance(bean)
            || !(Boolean) sunBean.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
          return null;
        }
        sunBean.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
        Method bytes = sunBean.getMethod("getThreadAllocatedBytes", long.class);
        AllocationCounter counter = new AllocationCounter(bean, bytes);
        counter.bytes(); // the first call may allocate: do it before measuring
        return counter;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    long bytes() throws ReflectiveOperationException {
      return (Long) bytes.invoke(bean, Thread.currentThread().getId());
    }
  }
}
