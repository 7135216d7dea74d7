package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.internal.provider.StreamAssembler;
import dev.llmcall.runtime.internal.transport.BoundedBody;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of a {@link StreamingCall}: its HTTP exchange, its clocks and its assembler. Fields
 * are guarded by the call's lock, except the subscription and the paused flag, which the consumer
 * side touches to ask for more. Internal: not part of the API.
 */
final class StreamExchange {
  final StreamingCall call;
  final int number;
  final long startNanos;
  final StreamAssembler assembler;
  /** The most body bytes this attempt reads. */
  final long maxBytes;
  /** Continued text held back until it is long enough to trim what it repeats; null if none. */
  StringBuilder holdBack;
  /** When the first content came (text, refusal, reasoning, a tool call); 0 until then. */
  long firstContentNanos;
  long lastActivityNanos;
  boolean ended;
  String requestId;
  volatile CompletableFuture<HttpResponse<Void>> future;
  /** The body of a non-2xx answer while it is read, or {@code null}. */
  private volatile BoundedBody errorBody;
  private volatile Flow.Subscription subscription;
  private final AtomicBoolean paused = new AtomicBoolean();
  private volatile boolean cancelled;

  StreamExchange(StreamingCall call, int number, long startNanos, StreamAssembler assembler,
      boolean resumed, long maxBytes) {
    this.call = call;
    this.number = number;
    this.startNanos = startNanos;
    this.assembler = assembler;
    this.holdBack = resumed ? new StringBuilder() : null;
    this.maxBytes = maxBytes;
  }

  /** The body started: read its first buffer, unless the attempt was already cancelled. */
  void subscribed(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  /** Reads a non-2xx answer's body with {@code body}, ended at once if the attempt already was. */
  BoundedBody errorBody(BoundedBody body) {
    errorBody = body;
    if (cancelled) {
      body.abort(new IOException("the attempt was cancelled"));
    }
    return body;
  }

  /** After a buffer: read the next one now, or pause until the consumer makes room. */
  void next(boolean room) {
    if (room) {
      subscription.request(1);
    } else {
      paused.set(true);
    }
  }

  /** The consumer made room: read on, if reading was paused. */
  void resume() {
    Flow.Subscription s = subscription;
    if (s != null && !cancelled && paused.compareAndSet(true, false)) {
      s.request(1);
    }
  }

  /** Stops the exchange and releases its connection. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> f = future;
    if (f != null) {
      f.cancel(true);
    }
    BoundedBody b = errorBody;
    if (b != null) {
      b.abort(new IOException("the attempt was cancelled"));
    }
  }
}
