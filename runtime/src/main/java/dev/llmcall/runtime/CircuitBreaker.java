package dev.llmcall.runtime;

import java.time.Duration;

/**
 * Stops calls to a provider that keeps failing, and lets a few trial calls through later to find
 * out whether it is back. Every method whose {@code @CircuitBreaker(provider = "...")} names the
 * same breaker shares one instance per {@link LlmRuntime}; get it from
 * {@code runtime.circuitBreaker(name)} to watch or steer it.
 *
 * <pre>{@code
 * CircuitBreaker openai = runtime.circuitBreaker("openai");
 * openai.addListener(t -> log.info("{}: {} -> {} ({})", t.breaker(), t.from(), t.to(), t.reason()));
 * if (openai.state() == CircuitBreaker.State.OPEN) {
 *   log.warn("openai unhealthy for another {}", openai.remainingOpenTime());
 * }
 * openai.reconfigure(openai.config().toBuilder().failureThreshold(3).build());
 * }</pre>
 *
 * <p>The states, and how the breaker moves between them:
 * <ul>
 *   <li>{@code CLOSED}: calls go through; failures that say the provider is unhealthy are
 *       counted (see {@link CircuitBreakerConfig#countsAsFailure}). Enough consecutive failures,
 *       or a high enough failure rate in the window, open it.
 *   <li>{@code OPEN}: every call is rejected without being sent. After the open time the next
 *       look at the breaker finds it {@code HALF_OPEN}. The open time grows each time the breaker
 *       re-opens without having closed in between, and is never shorter than the retry hint of
 *       the failure that opened it.
 *   <li>{@code HALF_OPEN}: {@code halfOpenTrials} trial calls go through, the rest are rejected.
 *       That many successes close it; one failure opens it again. After
 *       {@code maxHalfOpenDuration} it decides on what it has: closed if a trial succeeded, open
 *       otherwise.
 *   <li>{@code FORCED_OPEN} ({@link #forceOpen()}) and {@code DISABLED} ({@link #disable()}):
 *       set by hand, left only by {@link #reset()} (or by forcing the other one).
 * </ul>
 * All methods are thread-safe.
 */
public interface CircuitBreaker {
  /** Where a breaker is; see the class comment. */
  enum State { CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED }

  /**
   * One state change, as listeners get it.
   *
   * @param breaker the breaker's name
   * @param reason what caused it, for people (e.g. {@code "5 consecutive failures"})
   */
  record Transition(String breaker, State from, State to, String reason) {}

  /**
   * Told about every state change of a breaker, one at a time and in the order they happened.
   * It may be called on any thread that used the breaker; keep it short and do not block. An
   * exception it throws is logged and otherwise ignored.
   *
   * <pre>{@code
   * breaker.addListener(t -> metrics.counter("breaker." + t.to()).increment());
   * }</pre>
   */
  @FunctionalInterface
  interface Listener {
    void onTransition(Transition transition);
  }

  /** The name that {@code @CircuitBreaker(provider = ...)} uses. */
  String name();

  /**
   * The state now. Time-based moves happen when anyone looks: an OPEN breaker past its open time
   * reads (and becomes) HALF_OPEN.
   */
  State state();

  /** The settings in force. */
  CircuitBreakerConfig config();

  /**
   * Changes the settings for the calls that follow, without rebuilding any client. The window of
   * recent calls is kept when its type and size are unchanged, and started afresh otherwise. The
   * current state and its open time are kept.
   */
  void reconfigure(CircuitBreakerConfig config);

  /** Moves to CLOSED with an empty window, and forgets how often it re-opened. */
  void reset();

  /** Moves to FORCED_OPEN: every call is rejected until {@link #reset()}. */
  void forceOpen();

  /** Moves to DISABLED: every call goes through and nothing is counted until {@link #reset()}. */
  void disable();

  /**
   * How long until an OPEN breaker lets a trial call through; {@link Duration#ZERO} in any other
   * state, FORCED_OPEN included (it has no end of its own).
   */
  Duration remainingOpenTime();

  /** A snapshot of the breaker's numbers. */
  CircuitBreakerMetrics metrics();

  /** Adds a listener for the state changes that follow. */
  void addListener(Listener listener);
}
