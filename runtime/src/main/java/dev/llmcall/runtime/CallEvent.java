package dev.llmcall.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happens to one call, as a {@link CallEventListener} hears it, in this order: {@link
 * Started} once, {@link AttemptEnded} per attempt, {@link FirstToken} once for a stream whose
 * content arrived, {@link Ended} once. Events are made only when a listener or a {@link
 * CallContextPropagator} is registered.
 *
 * <pre>{@code
 * LlmRuntime.builder().listener(new CallEventListener() {
 *   public void onCallEnded(CallEvent.Ended e) {
 *     log.info("{} took {} in {} attempt(s): {}", e.call().method(), e.latency(), e.attempts(),
 *         e.outcome());
 *   }
 * });
 * }</pre>
 */
public sealed interface CallEvent {

  /** The call this event is about. */
  Call call();

  /**
   * What every event of one call shares.
   *
   * @param method the interface method, as {@code Interface.method}
   * @param provider the provider name, such as {@code openai}
   * @param model the model the call asked for
   * @param clientRequestId the id sent as {@code X-Client-Request-Id} on every attempt
   * @param circuitBreaker the name of the call's circuit breaker, or {@code null} if it has none
   */
  record Call(String method, String provider, String model, String clientRequestId,
      String circuitBreaker) {
    public Call {
      Objects.requireNonNull(method, "method == null");
      Objects.requireNonNull(provider, "provider == null");
      Objects.requireNonNull(model, "model == null");
      Objects.requireNonNull(clientRequestId, "clientRequestId == null");
    }
  }

  /**
   * The call started, on the caller's thread, before its first attempt.
   *
   * @param system the system prompt as the method made it, or {@code null}
   * @param prompt the user prompt as the method made it; record it only where your telemetry may
   *     hold what users wrote
   */
  record Started(Call call, String system, String prompt) implements CallEvent {
    public Started {
      Objects.requireNonNull(call, "call == null");
      Objects.requireNonNull(prompt, "prompt == null");
    }
  }

  /**
   * An attempt ended, after the retry decision: {@code attempt.waitAfter()} and {@code
   * attempt.waitSource()} say whether and why the call waits before the next one ({@link
   * Attempt.WaitSource#FALLBACK}: the call moved on to the next target of its chain), and {@link
   * #provider()} and {@link #model()} which target it went to.
   */
  record AttemptEnded(Call call, Attempt attempt) implements CallEvent {
    public AttemptEnded {
      Objects.requireNonNull(call, "call == null");
      Objects.requireNonNull(attempt, "attempt == null");
    }

    /** The provider the attempt went to: the call's, or another target's of its chain. */
    public String provider() {
      return attempt.provider() != null ? attempt.provider() : call.provider();
    }

    /** The model the attempt asked for: the call's, or another target's of its chain. */
    public String model() {
      return attempt.model() != null ? attempt.model() : call.model();
    }
  }

  /**
   * A stream's first content arrived (text, a refusal, reasoning or a tool call), once per call.
   *
   * @param attempt the number of the attempt it came in
   * @param sinceCallStart the time from the call's start: what a reader waited
   * @param sinceAttemptStart the time from that attempt's request
   */
  record FirstToken(Call call, int attempt, Duration sinceCallStart, Duration sinceAttemptStart)
      implements CallEvent {
    public FirstToken {
      Objects.requireNonNull(call, "call == null");
      Objects.requireNonNull(sinceCallStart, "sinceCallStart == null");
      Objects.requireNonNull(sinceAttemptStart, "sinceAttemptStart == null");
    }
  }

  /** How a call ended. */
  enum Outcome {
    /** It returned a response (a refusal the return type can hold included). */
    SUCCEEDED,
    /** It ended in an {@link LlmException}. */
    FAILED,
    /** Its reader closed it (a stream) or its caller cancelled it before it ended. */
    ABANDONED
  }

  /**
   * The call ended, once, whatever its shape.
   *
   * @param response the response for {@link Outcome#SUCCEEDED}, else {@code null}
   * @param failure the exception for {@link Outcome#FAILED}, else {@code null}; a call rejected by
   *     an open circuit breaker has {@code failure.circuitOpen()} and may have no attempt at all
   * @param history every attempt of the call
   * @param usage the tokens of every attempt, added up
   * @param latency from the call's start to its end, waits included
   */
  record Ended(Call call, Outcome outcome, LlmResponse<?> response, LlmException failure,
      List<Attempt> history, Usage usage, Duration latency) implements CallEvent {
    public Ended {
      Objects.requireNonNull(call, "call == null");
      Objects.requireNonNull(outcome, "outcome == null");
      Objects.requireNonNull(usage, "usage == null");
      Objects.requireNonNull(latency, "latency == null");
      history = List.copyOf(history);
    }

    /** How many HTTP attempts the call made; 0 for a call rejected before any. */
    public int attempts() {
      return history.size();
    }

    /** The model that answered, as the provider reported it, or {@code null} without a response. */
    public String responseModel() {
      return response == null ? null : response.model();
    }

    /** How many answers were sent back to be corrected (structured results only). */
    public int repairs() {
      int n = 0;
      for (Attempt a : history) {
        if (a.waitSource() == Attempt.WaitSource.REPAIR) {
          n++;
        }
      }
      return n;
    }
  }
}
