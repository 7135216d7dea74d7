package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CallListener;
import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.internal.stream.StreamWatchdog;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What every call of one runtime shares: transport, time, randomness, the attempt listener, and
 * the stream timeouts with their watchdog. Internal: not part of the API.
 */
public record CallContext(
    HttpTransport transport, Clock clock, Scheduler scheduler, RandomGenerator random,
    CallListener listener, StreamTimeouts streamTimeouts, StreamWatchdog watchdog) {

  public CallContext {
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
    Objects.requireNonNull(random, "random == null");
    Objects.requireNonNull(streamTimeouts, "streamTimeouts == null");
    Objects.requireNonNull(watchdog, "watchdog == null");
    Objects.requireNonNull(transport, "transport == null");
  }

  /** Tells the listener, if any; a listener's exception is logged, never thrown into the call. */
  void notify(String method, String provider, Attempt attempt) {
    if (listener == null) {
      return;
    }
    try {
      listener.onAttempt(method, provider, attempt);
    } catch (RuntimeException e) {
      // Looked up here, not at class load: the logging back end is loaded only if needed.
      System.getLogger("dev.llmcall.runtime").log(Level.WARNING, "CallListener threw; ignored", e);
    }
  }

  /** A fresh id for {@code X-Client-Request-Id}, in UUID form, from the injected randomness. */
  String newClientRequestId() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lo = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62); // IETF variant
    return new java.util.UUID(hi, lo).toString();
  }
}
