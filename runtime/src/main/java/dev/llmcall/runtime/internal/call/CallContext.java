package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.internal.shaping.Shaping;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.Scheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What every call of one runtime shares: transport, time, randomness, the observers (listeners,
 * context propagators, log), the stream timeouts, and rate shaping. Internal: not part of the API.
 */
public record CallContext(
    HttpTransport transport, Clock clock, Scheduler scheduler, RandomGenerator random,
    Observers observers, StreamTimeouts streamTimeouts, Shaping shaping) {

  public CallContext {
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
    Objects.requireNonNull(random, "random == null");
    Objects.requireNonNull(streamTimeouts, "streamTimeouts == null");
    Objects.requireNonNull(observers, "observers == null");
    Objects.requireNonNull(shaping, "shaping == null");
  }

  /** A fresh id for {@code X-Client-Request-Id}, in UUID form, from the injected randomness. */
  String newClientRequestId() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lo = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62); // IETF variant
    return new java.util.UUID(hi, lo).toString();
  }
}
