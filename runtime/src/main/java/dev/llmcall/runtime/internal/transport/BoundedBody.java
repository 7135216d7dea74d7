package dev.llmcall.runtime.internal.transport;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one non-streamed response body whole, bounded in size and in time: past
 * {@code maxBytes} it stops reading and fails with {@link TooLarge} (without buffering the
 * rest), and {@link #abort} ends it at once, as the attempt's deadline or a closing runtime do.
 * The JDK client's request timeout covers only the wait for the headers; this covers the body.
 * One per attempt; it is its own {@link HttpResponse.BodyHandler}. Internal: not part of the API.
 */
public final class BoundedBody implements HttpResponse.BodyHandler<byte[]>, HttpResponse.BodySubscriber<byte[]> {
  /** A body longer than the runtime's limit: not retried, since it would come back as long. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    public TooLarge(long maxBytes, long declared) {
      super("the response body " + (declared >= 0 ? "declares " + declared + " bytes, " : "")
          + "more than the limit of " + maxBytes + " bytes (LlmRuntime.Builder.maxResponseBytes)");
    }
  }

  private final long maxBytes;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private byte[] bytes;
  private int size;

  public BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = contentLength(info);
    if (declared > maxBytes) {
      abort(new TooLarge(maxBytes, declared));
    } else if (declared >= 0) {
      bytes = new byte[(int) declared];
    } // else: sized by the first buffers, which hold a whole small answer (no 8 KB guess, no copy)
    return this;
  }

  /** The declared length, or -1: as {@code firstValueAsLong}, without its stream per call. */
  private static long contentLength(HttpResponse.ResponseInfo info) {
    String value = Headers.first(info.headers(), "content-length");
    return value == null ? -1 : Long.parseLong(value);
  }

  /** Ends the read now with {@code why}, if it has not ended; the connection is released. */
  public void abort(IOException why) {
    if (result.completeExceptionally(why)) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** Ends the read because the attempt's time is up. */
  void timedOut(long timeoutMillis) {
    abort(new HttpTimeoutException("the response body did not arrive within the attempt's "
        + timeoutMillis + " ms"));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (result.isDone()) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return; // aborted: what is still in flight is dropped
    }
    if (bytes == null) {
      long all = 0;
      for (ByteBuffer buffer : buffers) {
        all += buffer.remaining();
      }
      bytes = new byte[all > maxBytes ? 0 : (int) all]; // past the limit: fails below
    }
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      if (size + (long) n > maxBytes) {
        bytes = null;
        abort(new TooLarge(maxBytes, -1));
        return;
      }
      if (size + n > bytes.length) {
        // at least 8 KB once a body comes in pieces: as few copies as when it started there
        long grown = Math.max(size + n, Math.max(2L * bytes.length, 8192));
        bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, grown));
      }
      buffer.get(bytes, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return;
    }
    result.complete(bytes == null ? new byte[0]
        : size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
