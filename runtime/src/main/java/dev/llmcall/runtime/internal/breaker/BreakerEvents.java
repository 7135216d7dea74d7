package dev.llmcall.runtime.internal.breaker;

import dev.llmcall.runtime.CircuitBreaker.Listener;
import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreaker.Transition;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts a circuit breaker's transitions and hands them to its listeners one at a time, in the
 * order of their epochs. Two threads can win two successive compare-and-sets and then publish in the other
 * order; the epoch puts them back in order, so a listener always sees {@code from} equal to the
 * previous {@code to}. Whichever thread holds the delivery flag delivers every event that is
 * ready, its own and others'; nobody waits. Internal: not part of the API.
 */
final class BreakerEvents {

  private static final int STATES = State.values().length;

  private final AtomicLongArray counts = new AtomicLongArray(STATES * STATES);
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Long, Transition> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean delivering = new AtomicBoolean();
  /** The epoch of the next transition to deliver; written only while {@code delivering}. */
  private volatile long nextEpoch;

  /** @param firstEpoch the epoch of the first transition the breaker will make */
  BreakerEvents(long firstEpoch) {
    this.nextEpoch = firstEpoch;
  }

  void add(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /** Called once for each epoch, right after the swap that made it. */
  void publish(long epoch, Transition transition) {
    counts.incrementAndGet(transition.from().ordinal() * STATES + transition.to().ordinal());
    pending.put(epoch, transition);
    deliverReady();
  }

  /** How often each transition happened, keyed like {@code "CLOSED->OPEN"}; zeros left out. */
  Map<String, Long> counts() {
    Map<String, Long> result = new TreeMap<>();
    for (State from : State.values()) {
      for (State to : State.values()) {
        long n = counts.get(from.ordinal() * STATES + to.ordinal());
        if (n > 0) {
          result.put(from + "->" + to, n);
        }
      }
    }
    return result;
  }

  private void deliverReady() {
    // A listener that changes the breaker re-enters here; the flag is taken, so the outer loop
    // delivers that change after the listener returns instead of recursing.
    do {
      if (!delivering.compareAndSet(false, true)) {
        return;
      }
      try {
        Transition t;
        while ((t = pending.remove(nextEpoch)) != null) {
          nextEpoch++;
          deliver(t);
        }
      } finally {
        delivering.set(false);
      }
      // An event put after our last look, while we still held the flag, is ours to deliver.
    } while (pending.containsKey(nextEpoch));
  }

  private void deliver(Transition t) {
    for (Listener listener : listeners) {
      try {
        listener.onTransition(t);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // a listener's bug must not break the calls that happen to run it
        // Looked up here, not at class load: the logging back end is loaded only if needed.
        System.getLogger(DefaultCircuitBreaker.class.getName()).log(Level.WARNING,
            "circuit breaker listener " + listener + " failed on " + t, e);
      }
    }
  }
}
