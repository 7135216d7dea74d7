package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.StreamEvent;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between a stream's network side and its consumer. It holds at most
 * {@link #CAPACITY} undelivered chunks; past {@link #LOW_WATER} free the network side is asked for
 * more, so a slow reader slows the HTTP body down instead of filling memory. A chunk offered is
 * never dropped while the reader is there: the end, or the failure, comes after every chunk.
 * Reasoning deltas share the queue, in order, as {@link StreamEvent.Reasoning}s (text stays a
 * plain {@code String}: no object per text chunk): a reader of events gets them, a reader of text
 * takes and drops them, so they count against the bound and never hold a text reader up.
 * Thread-safe. Internal: not part of the API.
 */
public final class ChunkChannel {
  static final int CAPACITY = 64;
  static final int LOW_WATER = CAPACITY / 2;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private int deliveredChunks;
  private LlmResponse<String> response;
  private LlmException failure;
  private boolean closed;
  private boolean unsignalled;
  private volatile Runnable onRoom = () -> { };
  private volatile Runnable onSignal = () -> { };

  /** What to run when there is room again: the network side reads on. */
  void onRoom(Runnable onRoom) {
    this.onRoom = onRoom;
  }

  /** What to run, outside any lock, when a chunk or the end arrives: a publisher's drain. */
  void onSignal(Runnable onSignal) {
    this.onSignal = onSignal;
  }

  /**
   * Adds a chunk without waking the reader: the network side calls {@link #arrived()} once it has
   * handled a whole network buffer, so a reader wakes once per buffer, not once per chunk.
   * Ignored once closed or finished.
   */
  void offer(String chunk) {
    lock.lock();
    try {
      if (!isFinishedLocked()) {
        pending.add(chunk);
        unsignalled = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Adds a reasoning delta, as {@link #offer(String)} adds text. */
  void offerReasoning(String delta) {
    lock.lock();
    try {
      if (!isFinishedLocked()) {
        pending.add(new StreamEvent.Reasoning(delta));
        unsignalled = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the reader (or schedules the publisher's drain) if chunks came since the last time. */
  void arrived() {
    lock.lock();
    try {
      if (!unsignalled) {
        return;
      }
      unsignalled = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    onSignal.run();
  }

  /** The stream ended well; chunks still pending are delivered first. */
  void complete(LlmResponse<String> r) {
    finish(r, null);
  }

  /** The stream failed; chunks still pending are delivered first, then the failure. */
  void fail(LlmException e) {
    finish(null, e);
  }

  private void finish(LlmResponse<String> r, LlmException e) {
    lock.lock();
    try {
      if (isFinishedLocked()) {
        return;
      }
      response = r;
      failure = e;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    onSignal.run();
  }

  /** Whether the network side may read more now. */
  boolean hasRoom() {
    lock.lock();
    try {
      return pending.size() < CAPACITY;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next chunk, waiting for it; {@code null} at the end; throws the stream's failure once
   * every chunk before it was taken.
   *
   * @throws InterruptedException if the reader is interrupted while it waits
   */
  String take() throws InterruptedException {
    Object next;
    do {
      next = takeEvent();
    } while (next instanceof StreamEvent.Reasoning); // a text reader drops reasoning
    return (String) next;
  }

  /**
   * {@link #take()} of text or reasoning: the next text chunk ({@code String}) or {@link
   * StreamEvent.Reasoning}, waiting for it; {@code null} at the end.
   *
   * @throws InterruptedException if the reader is interrupted while it waits
   */
  Object takeEvent() throws InterruptedException {
    boolean resume = false;
    lock.lock();
    try {
      while (pending.isEmpty() && response == null && failure == null && !closed) {
        changed.await();
      }
      resume = isLowLocked();
      return nextLocked();
    } finally {
      lock.unlock();
      if (resume) {
        onRoom.run();
      }
    }
  }

  /**
   * The next text chunk if one is waiting, else {@code null}, dropping reasoning before it; never
   * blocks, never throws.
   */
  String poll() {
    boolean resume = false;
    lock.lock();
    try {
      while (pending.peek() instanceof StreamEvent.Reasoning) {
        pending.poll();
      }
      resume = isLowLocked();
      return pending.isEmpty() ? null : (String) deliver(pending.poll());
    } finally {
      lock.unlock();
      if (resume) {
        onRoom.run();
      }
    }
  }

  /** Whether, once this chunk is taken, the network side may read on (checked under the lock). */
  private boolean isLowLocked() {
    return pending.size() <= LOW_WATER + 1 && !isFinishedLocked();
  }

  private Object nextLocked() {
    if (!pending.isEmpty()) {
      return deliver(pending.poll());
    }
    if (failure != null) {
      throw failure;
    }
    return null;
  }

  private Object deliver(Object chunk) {
    if (chunk instanceof String) { // text chunks only: reasoning is not part of the text
      deliveredChunks++;
    }
    return chunk;
  }

  /** The consumer went away: nothing more is kept. */
  void close() {
    lock.lock();
    try {
      closed = true;
      pending.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether every text chunk is delivered and the end (or failure) is known; reasoning left over
   * is no text to wait for.
   */
  boolean isDrained() {
    lock.lock();
    try {
      return !hasTextLocked() && (response != null || failure != null);
    } finally {
      lock.unlock();
    }
  }

  LlmResponse<String> response() {
    lock.lock();
    try {
      return response;
    } finally {
      lock.unlock();
    }
  }

  LlmException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  int deliveredChunks() {
    lock.lock();
    try {
      return deliveredChunks;
    } finally {
      lock.unlock();
    }
  }

  private boolean hasTextLocked() {
    for (Object o : pending) {
      if (o instanceof String) {
        return true;
      }
    }
    return false;
  }

  private boolean isFinishedLocked() {
    return closed || response != null || failure != null;
  }

}
