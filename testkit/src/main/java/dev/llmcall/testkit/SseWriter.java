package dev.llmcall.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes one streamed reply's events to a response body as its {@link StreamScript} says: paced,
 * flushed one by one, and ended normally, by an in-band error, by a cut or by a stall. One per stream.
 */
final class SseWriter {

  /** How a stream written to its scripted end finished. */
  enum End {
    /** The last event (or the in-band error) was written; the response may end normally. */
    NORMAL,
    /** The script cuts the connection here: the caller must drop it without ending the body. */
    CUT
  }

  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final StreamScript script;
  private final Runnable onKeepAlive;
  private int written;

  SseWriter(OutputStream out, StreamScript script, Runnable onKeepAlive) {
    this.out = out;
    this.script = script;
    this.onKeepAlive = onKeepAlive;
  }

  /**
   * Writes {@code events} up to the script's fault, then the fault. A stall returns only by an
   * exception: {@link InterruptedException} when the server closes, {@link IOException} when a
   * keep-alive write finds the client gone.
   *
   * @param error the in-band error event, used when the script ends with one
   * @throws IOException when a write fails (the client went away, or the server closed)
   */
  End write(List<StreamEvents.Event> events, StreamEvents.Event error)
      throws IOException, InterruptedException {
    boolean faulty = script.fault() != StreamScript.Fault.NONE;
    int limit = faulty ? Math.min(script.faultAfter(), events.size()) : events.size();
    for (int i = 0; i < limit; i++) {
      emit(events.get(i));
    }
    return switch (script.fault()) {
      case NONE -> End.NORMAL;
      case ERROR -> {
        emit(error);
        yield End.NORMAL;
      }
      case CUT -> {
        paceNext(); // the cut takes the place of the next event
        yield End.CUT;
      }
      case STALL -> stall();
    };
  }

  /** Writes and flushes one event, after the chunk delay unless it is the first. */
  private void emit(StreamEvents.Event event) throws IOException, InterruptedException {
    paceNext();
    written++;
    out.write(event.wire(script.eventIds() ? written : 0).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void paceNext() throws IOException, InterruptedException {
    if (written > 0) {
      pause(script.chunkDelay());
    }
  }

  /** Waits {@code duration}, sending a keep-alive comment at each full keep-alive period inside it. */
  private void pause(Duration duration) throws IOException, InterruptedException {
    Duration every = script.keepAlive();
    if (every == null) {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      return;
    }
    long deadline = System.nanoTime() + duration.toNanos();
    long remaining = duration.toNanos();
    while (remaining > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(every.toNanos(), remaining));
      remaining = deadline - System.nanoTime();
      if (remaining > 0) {
        keepAlive();
      }
    }
  }

  /** Sends nothing but keep-alives, if any, until interrupted or a write fails; never returns. */
  private End stall() throws IOException, InterruptedException {
    Duration every = script.keepAlive();
    while (true) {
      if (every == null) {
        TimeUnit.DAYS.sleep(1);
      } else {
        TimeUnit.NANOSECONDS.sleep(every.toNanos());
        keepAlive();
      }
    }
  }

  private void keepAlive() throws IOException {
    onKeepAlive.run(); // counted first, so a client that saw it never finds the count behind
    out.write(KEEP_ALIVE);
    out.flush();
  }
}
