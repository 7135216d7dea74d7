package dev.llmcall.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Every request a {@link FakeLlmServer} received, in arrival order, and the ones not yet taken by
 * {@link FakeLlmServer#takeRequest}. Thread-safe.
 */
final class RequestLog {

  private final Object lock = new Object();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private int arrivals; // guarded by lock; numbers request ids, never reset

  /**
   * Records {@code request} and, when it is {@code scripted} (an endpoint request), takes its reply
   * from {@code script} in the same step, so that requests take replies in arrival order.
   */
  Arrival record(RecordedRequest request, boolean scripted, ReplyScript script) {
    synchronized (lock) {
      recorded.add(request);
      untaken.add(request);
      int sequence = ++arrivals;
      if (!scripted) {
        script.unrouted(request, sequence);
        return new Arrival(sequence, null);
      }
      return new Arrival(sequence, script.take(request, sequence));
    }
  }

  /** The oldest request not yet taken, waiting up to {@code timeout} for one. */
  RecordedRequest take(Duration timeout) {
    try {
      RecordedRequest next = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new IllegalStateException("no request arrived within " + describe(timeout));
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a request", e);
    }
  }

  List<RecordedRequest> all() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  int count() {
    synchronized (lock) {
      return recorded.size();
    }
  }

  /** Forgets every request, taken or not; the numbering goes on. */
  void clear() {
    synchronized (lock) {
      recorded.clear();
      untaken.clear();
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** A recorded request's 1-based sequence number and the scripted reply it took, if any. */
  record Arrival(int sequence, FakeReply reply) {}
}
