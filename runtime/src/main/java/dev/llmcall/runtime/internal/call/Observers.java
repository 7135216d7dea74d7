package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.CallContextPropagator;
import dev.llmcall.runtime.CallContextPropagator.Captured;
import dev.llmcall.runtime.CallContextPropagator.Scope;
import dev.llmcall.runtime.CallEvent;
import dev.llmcall.runtime.CallEventListener;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who hears a runtime's calls: the event listeners, the context propagators, and the log. A
 * listener's or propagator's exception never reaches the call: it is logged (the first one of
 * each at WARNING) and ignored. Thread-safe. Internal: not part of the API.
 */
public final class Observers {
  private static final Scope NO_SCOPE = () -> {};

  private final List<CallEventListener> listeners;
  private final List<CallContextPropagator> propagators;
  private final CallLog log;

  public Observers(List<CallEventListener> listeners, List<CallContextPropagator> propagators,
      CallLog log) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
    this.propagators = List.copyOf(propagators);
    this.log = Objects.requireNonNull(log, "log == null");
  }

  public void add(CallEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  public CallLog log() {
    return log;
  }

  /** Whether a call needs to make events: someone listens or propagates. */
  boolean active() {
    return !listeners.isEmpty() || !propagators.isEmpty();
  }

  /** Each propagator's capture of the call, on the caller's thread; {@code null} if none. */
  Captured[] capture(CallEvent.Started started) {
    if (propagators.isEmpty()) {
      return null;
    }
    List<Captured> captured = new ArrayList<>(propagators.size());
    for (CallContextPropagator p : propagators) {
      try {
        Captured c = p.capture(started);
        if (c != null) {
          captured.add(c);
        }
      } catch (RuntimeException e) {
        log.hookFailed(p, "capture", e);
      }
    }
    return captured.toArray(new Captured[0]);
  }

  /** Makes every captured context current, the first outermost; the scope undoes it. */
  Scope enter(Captured[] captured) {
    if (captured == null || captured.length == 0) {
      return NO_SCOPE;
    }
    Scope[] scopes = new Scope[captured.length];
    int open = 0;
    for (Captured c : captured) {
      try {
        scopes[open] = c.makeCurrent();
        open++;
      } catch (RuntimeException e) {
        log.hookFailed(c, "makeCurrent", e);
      }
    }
    int opened = open;
    return () -> {
      for (int i = opened - 1; i >= 0; i--) {
        try {
          scopes[i].close();
        } catch (RuntimeException e) {
          log.hookFailed(captured[i], "close", e);
        }
      }
    };
  }

  /** Lets every captured context add its headers to an attempt's request. */
  void addHeaders(Captured[] captured, HttpRequest.Builder request) {
    for (Captured c : captured) {
      try {
        c.addHeaders(request::setHeader);
      } catch (RuntimeException e) {
        log.hookFailed(c, "addHeaders", e);
      }
    }
  }

  /** Tells every listener, in order. */
  void emit(CallEvent event) {
    for (CallEventListener l : listeners) {
      try {
        if (event instanceof CallEvent.AttemptEnded) {
          l.onAttemptEnded((CallEvent.AttemptEnded) event);
        } else if (event instanceof CallEvent.Started) {
          l.onCallStarted((CallEvent.Started) event);
        } else if (event instanceof CallEvent.FirstToken) {
          l.onFirstToken((CallEvent.FirstToken) event);
        } else {
          l.onCallEnded((CallEvent.Ended) event);
        }
      } catch (RuntimeException e) {
        log.hookFailed(l, event.getClass().getSimpleName(), e);
      }
    }
  }
}
