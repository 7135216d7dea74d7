package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.CallContextPropagator.Scope;

import dev.llmcall.runtime.LlmException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The push-side view: a cold {@link Flow.Publisher} whose every subscription runs one
 * {@link StreamingCall}. Chunks go out only against demand; while the subscriber has no demand,
 * the channel fills and the HTTP body stops being read. Signals are serialized by a drain loop that
 * runs on the transport's executor, never under the call's lock, and no thread waits for the
 * network. Internal: not part of the API.
 */
public final class ChunkPublisher implements Flow.Publisher<String> {
  private final Function<ChunkChannel, StreamingCall> calls;
  private final Executor executor;

  public ChunkPublisher(Function<ChunkChannel, StreamingCall> calls, Executor executor) {
    this.calls = calls;
    this.executor = executor;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber == null");
    ChunkChannel channel = new ChunkChannel();
    Subscription s = new Subscription(subscriber, channel);
    // The subscriber is called with the caller's context current (a trace, an MDC), as the
    // call's attempts are; made once per subscription, not per signal.
    Runnable drainInContext = () -> {
      try (Scope ignored = s.call.enter()) {
        s.drain();
      }
    };
    channel.onSignal(() -> executor.execute(drainInContext));
    StreamingCall call = calls.apply(channel);
    s.call = call;
    subscriber.onSubscribe(s);
    call.startAsync();
  }

  /** One subscription: demand, cancellation and the drain loop (rule-abiding, serialized). */
  private static final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super String> subscriber;
    private final ChunkChannel channel;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile StreamingCall call;
    private volatile boolean done;

    Subscription(Flow.Subscriber<? super String> subscriber, ChunkChannel channel) {
      this.subscriber = subscriber;
      this.channel = channel;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException(
            "non-positive subscription request: " + n + " (Reactive Streams rule 3.9)"));
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      done = true;
      StreamingCall c = call;
      if (c != null) {
        c.cancel();
      }
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        emit();
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void emit() {
      while (!done && demand.get() > 0) {
        String chunk = channel.poll();
        if (chunk == null) {
          break;
        }
        demand.decrementAndGet();
        subscriber.onNext(chunk);
      }
      if (!done && channel.isDrained()) {
        done = true;
        LlmException failure = channel.failure();
        if (failure != null) {
          subscriber.onError(failure);
        } else {
          subscriber.onComplete();
        }
      }
    }
  }
}
