package dev.llmcall.runtime.internal;

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

  /** The retry policy this call was bound with. */
  public RetryPolicy policy() {
    return policy;
  }

  @Override
  public LlmResponse<String> call(String system, String prompt) {
    CallAttempts attempts = start(system, prompt);
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

  @Override
  public <T> LlmResponse<T> structured(String system, String prompt, StructuredOutput<T> output) {
    throw new UnsupportedOperationException("structured output arrives with issue #6");
  }

  @Override
  public <T> CompletableFuture<LlmResponse<T>> structuredAsync(
      String system, String prompt, StructuredOutput<T> output) {
    throw new UnsupportedOperationException("structured output arrives with issue #6");
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

  @Override
  public CompletableFuture<LlmResponse<String>> callAsync(String system, String prompt) {
    return async(system, prompt, Function.identity());
  }

  @Override
  public CompletableFuture<String> textAsync(String system, String prompt) {
    return async(system, prompt, LlmResponse::value);
  }

  /**
   * Runs the attempts as a chain of futures and completes one result future directly, so a
   * failure arrives as the {@link LlmException} itself, not wrapped in a CompletionException.
   */
  private <T> CompletableFuture<T> async(
      String system, String prompt, Function<LlmResponse<String>, T> result) {
    CompletableFuture<T> future = new CompletableFuture<>();
    CallAttempts attempts;
    try {
      attempts = start(system, prompt);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return future;
    }
    attemptAsync(attempts, future, result);
    return future;
  }

  private <T> void attemptAsync(
      CallAttempts attempts, CompletableFuture<T> future, Function<LlmResponse<String>, T> result) {
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
          .whenComplete((ignored, t) -> attemptAsync(attempts, future, result));
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
      } catch (LlmException e) {
        future.completeExceptionally(e);
        return;
      }
      if (step.response() != null) {
        future.complete(result.apply(step.response()));
      } else {
        context.scheduler().after(step.delay()).whenComplete((ignored, t) -> attemptAsync(attempts, future, result));
      }
    });
  }

  private CallAttempts start(String system, String prompt) {
    Objects.requireNonNull(prompt, "prompt == null");
    byte[] body = wire.encode(endpoint, site, Prompt.of(system, prompt));
    return new CallAttempts(endpoint, wire, policy,
        new CallRecord(site, endpoint, breaker, stats, context), context, body);
  }
}
