package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.StructuredOutput;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import dev.llmcall.runtime.LlmStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The call pipeline behind every generated method: build the body once, then attempt, classify
 * and wait as the retry policy decides, synchronously or without blocking a thread. Each
 * invocation's state lives in a {@link CallAttempts}. Internal: not part of the API.
 */
public final class DefaultBoundCall implements BoundCall {
  private final CallSite site;
  private final Endpoint endpoint;
  private final ProviderWire wire;
  private final RetryPolicy policy;
  private final DefaultCircuitBreaker breaker;
  private final MethodStats stats;
  private final CallContext context;
  private final HttpTransport transport;

  /** {@code breaker} may be {@code null}: a method without {@code @CircuitBreaker}. */
  public DefaultBoundCall(CallSite site, Endpoint endpoint, RetryPolicy policy,
      DefaultCircuitBreaker breaker, MethodStats stats, CallContext context) {
    this.site = Objects.requireNonNull(site, "site == null");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
    this.wire = ProviderWire.of(endpoint.wire());
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.breaker = breaker;
    this.stats = Objects.requireNonNull(stats, "stats == null");
    this.context = Objects.requireNonNull(context, "context == null");
    this.transport = context.transport();
  }

  @Override
  public CallSite site() {
    return site;
  }

  @Override
  public LlmResponse<String> call(String system, String prompt) {
    return run(start(Prompt.of(system, prompt), null));
  }

  @Override
  public CompletableFuture<LlmResponse<String>> callAsync(String system, String prompt) {
    return textAsync(system, prompt, Function.identity());
  }

  @Override
  public CompletableFuture<String> textAsync(String system, String prompt) {
    return textAsync(system, prompt, LlmResponse::value);
  }

  @Override
  public <T> LlmResponse<T> structured(String system, String prompt, StructuredOutput<T> output) {
    Prompt asked = Prompt.structured(system, prompt, output);
    CallAttempts attempts = start(asked, null);
    while (true) {
      LlmResponse<String> answer = run(attempts);
      Round<T> round = decode(asked, attempts.record(), answer, output);
      if (round.result() != null) {
        return round.result();
      }
      asked = round.next();
      attempts = start(asked, attempts);
    }
  }

  @Override
  public <T> CompletableFuture<LlmResponse<T>> structuredAsync(
      String system, String prompt, StructuredOutput<T> output) {
    CompletableFuture<LlmResponse<T>> future = new CompletableFuture<>();
    Prompt asked = Prompt.structured(system, prompt, output);
    try {
      structuredRound(asked, start(asked, null), output, future);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private <T> void structuredRound(Prompt asked, CallAttempts attempts, StructuredOutput<T> output,
      CompletableFuture<LlmResponse<T>> future) {
    attemptAsync(attempts, future, answer -> {
      Round<T> round = decode(asked, attempts.record(), answer, output);
      if (round.result() != null) {
        future.complete(round.result());
      } else {
        structuredRound(round.next(), start(round.next(), attempts), output, future);
      }
    });
  }

  @Override
  public LlmStream stream(String system, String prompt) {
    Objects.requireNonNull(prompt, "prompt == null");
    ChunkChannel channel = new ChunkChannel();
    StreamingCall call = streamingCall(channel, Prompt.streamed(system, prompt));
    call.start();
    return new DefaultLlmStream(call, channel);
  }

  @Override
  public Flow.Publisher<String> publisher(String system, String prompt) {
    Objects.requireNonNull(prompt, "prompt == null");
    Prompt streamed = Prompt.streamed(system, prompt);
    return new ChunkPublisher(channel -> streamingCall(channel, streamed), transport.executor());
  }

  private StreamingCall streamingCall(ChunkChannel channel, Prompt prompt) {
    return new StreamingCall(site, endpoint, policy, breaker, stats, context,
        context.streamTimeouts(), context.watchdog(), channel, prompt);
  }

  /** The outcome of one answer: the result, or the prompt that sends it back to be repaired. */
  private record Round<T>(LlmResponse<T> result, Prompt next) {}

  /**
   * Decodes an answer. One that does not fit is sent back with its violations while repairs are
   * left; after that the call fails as VALIDATION with the raw answer and the violations.
   *
   * @throws LlmException when no repair is left
   */
  private <T> Round<T> decode(Prompt asked, CallRecord record, LlmResponse<String> answer,
      StructuredOutput<T> output) {
    StructuredReader.Result<T> read = StructuredReader.read(answer.text(), output);
    if (read.ok()) {
      // A forced tool call is how Anthropic gives a structured answer: the answer is complete.
      FinishReason finish = answer.finishReason() == FinishReason.TOOL_CALLS
          ? FinishReason.STOP : answer.finishReason();
      return new Round<>(new LlmResponse<>(read.value(), answer.text(), answer.provider(),
          answer.model(), finish, answer.usage(), answer.requestId(), answer.clientRequestId(),
          answer.history()), null);
    }
    if (asked.repairs().size() < site.effectiveRepairAttempts()) {
      record.repairing();
      return new Round<>(null, asked.repairing(answer.text(), StructuredReader.feedback(read.violations())));
    }
    int repairs = asked.repairs().size();
    throw record.failure(new Classification(ErrorCategory.VALIDATION, false, null,
        "the answer did not match the " + output.name() + " schema"
            + (repairs == 0 ? "" : " after " + repairs + (repairs == 1 ? " repair" : " repairs"))
            + ": " + read.violations().get(0), null),
        0, answer.requestId(), null, false, null)
        .toBuilder().contract(answer.text(), read.violations()).build();
  }

  /** The attempts of one request, to its end: a response, or the call's exception. */
  private LlmResponse<String> run(CallAttempts attempts) {
    while (true) {
      CallAttempts.Next next = attempts.next();
      if (next.request() == null) {
        pause(attempts, next.delay());
        continue;
      }
      CallAttempts.Step step;
      try {
        HttpResponse<byte[]> response = transport.send(next.request());
        step = attempts.onResponse(response);
      } catch (IOException e) {
        step = attempts.onTransportFailure(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw attempts.interrupted(e);
      }
      if (step.response() != null) {
        return step.response();
      }
      pause(attempts, step.delay());
    }
  }

  private void pause(CallAttempts attempts, Duration delay) {
    try {
      context.scheduler().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.interrupted(e);
    }
  }

  /**
   * Runs the attempts as a chain of futures and completes one result future directly, so a
   * failure arrives as the {@link LlmException} itself, not wrapped in a CompletionException.
   */
  private <T> CompletableFuture<T> textAsync(
      String system, String prompt, Function<LlmResponse<String>, T> result) {
    CompletableFuture<T> future = new CompletableFuture<>();
    try {
      CallAttempts attempts = start(Prompt.of(system, prompt), null);
      attemptAsync(attempts, future, r -> future.complete(result.apply(r)));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  /** Runs attempts without blocking; hands the response on, or fails {@code future}. */
  private void attemptAsync(
      CallAttempts attempts, CompletableFuture<?> future, Consumer<LlmResponse<String>> onResponse) {
    if (future.isDone()) {
      return; // cancelled by the caller: no further attempt
    }
    CallAttempts.Next next;
    try {
      next = attempts.next();
    } catch (LlmException e) {
      future.completeExceptionally(e);
      return;
    }
    if (next.request() == null) {
      context.scheduler().after(next.delay())
          .whenComplete((ignored, t) -> attemptAsync(attempts, future, onResponse));
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> exchange = transport.sendAsync(next.request());
    future.whenComplete((v, t) -> {
      if (future.isCancelled()) {
        exchange.cancel(true);
      }
    });
    exchange.whenComplete((response, failure) -> {
      CallAttempts.Step step;
      try {
        step = failure == null ? attempts.onResponse(response) : attempts.onTransportFailure(failure);
        if (step.response() != null) {
          onResponse.accept(step.response());
          return;
        }
      } catch (LlmException e) {
        future.completeExceptionally(e);
        return;
      }
      context.scheduler().after(step.delay())
          .whenComplete((ignored, t) -> attemptAsync(attempts, future, onResponse));
    });
  }

  /**
   * The attempts of one request; {@code previous} is the earlier round of the same call (a
   * repair), whose history and deadline it continues, or {@code null} for a new call.
   */
  private CallAttempts start(Prompt prompt, CallAttempts previous) {
    byte[] body = wire.encode(endpoint, site, prompt);
    if (previous != null) {
      return previous.nextRound(body);
    }
    return new CallAttempts(endpoint, wire, policy,
        new CallRecord(site, endpoint, breaker, stats, context), context, body,
        context.scheduler().nanoTime() + policy.timeout().toNanos());
  }

}
