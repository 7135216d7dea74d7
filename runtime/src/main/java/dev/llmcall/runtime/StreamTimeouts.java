package dev.llmcall.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The clocks that watch a streamed call, each ending it as a {@link ErrorCategory#TIMEOUT} that
 * names which one fired. (The fourth, connect, is {@link LlmRuntime.Builder#connectTimeout}.) A
 * first-token or idle timeout is retried like any failure before text was delivered; the total
 * timeout is not.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder()
 *     .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)))
 *     .build();
 * }</pre>
 *
 * @param firstToken from sending the request to the first text chunk; default 60 s
 * @param idle the longest gap between two events of a stream, pings and comments included;
 *     default 30 s
 * @param total the longest a stream may run, all attempts included; default 10 minutes
 */
public record StreamTimeouts(Duration firstToken, Duration idle, Duration total) {
  public StreamTimeouts {
    positive(firstToken, "firstToken");
    positive(idle, "idle");
    positive(total, "total");
  }

  /** 60 s to the first token, 30 s between events, 10 minutes in all. */
  public static StreamTimeouts defaults() {
    return new StreamTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + d);
    }
  }
}
