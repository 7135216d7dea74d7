package dev.llmcall.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap bytes allocated by the whole JVM over an interval: the growth of the used heap plus what
 * every collection in between freed. Unlike per-thread counters, it includes threads that started
 * and ended inside the interval (a client that runs each call or stream on a thread of its own
 * would otherwise look cheaper than it is). Its resolution is the collector's: G1 counts eden by
 * the region, so measure over hundreds of megabytes.
 */
final class HeapAllocation {
  private static final AtomicLong FREED = new AtomicLong();
  private static final AtomicLong SEEN = new AtomicLong();

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long freed = 0;
        for (var before : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
          MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(before.getKey());
          freed += before.getValue().getUsed() - (after == null ? 0 : after.getUsed());
        }
        FREED.addAndGet(freed);
        SEEN.incrementAndGet();
      }, null, null);
    }
  }

  private final long usedAtStart;
  private final long freedAtStart;

  private HeapAllocation() throws InterruptedException {
    awaitNotifications();
    usedAtStart = used();
    freedAtStart = FREED.get();
  }

  static HeapAllocation start() throws InterruptedException {
    return new HeapAllocation();
  }

  /** Bytes allocated since {@link #start()}. */
  long bytes() throws InterruptedException {
    long used = used();
    awaitNotifications();
    return used - usedAtStart + FREED.get() - freedAtStart;
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Collections are reported on another thread: wait until every one so far has been counted. */
  private static void awaitNotifications() throws InterruptedException {
    long collections = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += gc.getCollectionCount();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (SEEN.get() < collections && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }
}
