package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.CallContextPropagator.Scope;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.RetryPolicy;
import dev.llmcall.runtime.internal.call.Attempts;
import dev.llmcall.runtime.internal.call.CallContext;
import dev.llmcall.runtime.internal.call.CallRecord;
import dev.llmcall.runtime.internal.call.MethodStats;
import dev.llmcall.runtime.internal.call.Route;
import dev.llmcall.runtime.internal.call.StructuredReader;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.failure.ErrorClassifier;
import dev.llmcall.runtime.internal.provider.Completion;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.internal.stream.ChunkChannel;
import dev.llmcall.runtime.internal.stream.ChunkPublisher;
import dev.llmcall.runtime.internal.stream.DefaultLlmStream;
import dev.llmcall.runtime.internal.stream.StreamingCall;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.StructuredOutput;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The table of call shapes: one method per return shape, each over the same attempt protocol
 * ({@link Attempts}). Plain calls attempt here, in a loop or as a chain of futures; streams hand
 * their attempts to a {@link StreamingCall}. Internal: not part of the API.
 */
public final class DefaultBoundCall implements BoundCall {
  private final CallSite site;
  private final Route route;
  private final RetryPolicy policy;
  private final MethodStats stats;
  private final CallContext context;
  private final HttpTransport transport;

  /** @param route the method's targets, one unless it has a fallback chain */
  public DefaultBoundCall(CallSite site, Route route, RetryPolicy policy, MethodStats stats,
      CallContext context) {
    this.site = Objects.requireNonNull(site, "site == null");
    this.route = Objects.requireNonNull(route, "route == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.stats = Objects.requireNonNull(stats, "stats == null");
    this.context = Objects.requireNonNull(context, "context == null");
    this.transport = context.transport();
  }

  @Override
  public CallSite site() {
    return site;
  }

  // ---- The shapes ----

  @Override
  public LlmResponse<String> call(Request request) {
    Prompt asked = Prompt.of(request, false, null);
    return run(attempts(asked, true), asked).response();
  }

  @Override
  public String text(Request request) {
    Prompt asked = Prompt.of(request, false, null);
    return run(attempts(asked, false), asked).response().value();
  }

  @Override
  public CompletableFuture<LlmResponse<String>> callAsync(Request request) {
    return async(request, true, Function.identity());
  }

  @Override
  public CompletableFuture<String> textAsync(Request request) {
    return async(request, false, LlmResponse::value);
  }

  @Override
  public <T> LlmResponse<T> structured(Request request, StructuredOutput<T> output) {
    Prompt asked = Prompt.of(request, false, output);
    Attempts attempts = attempts(asked, false);
    attempts.record().decodesAnswer();
    while (true) {
      Round<T> round = decode(attempts.record(), run(attempts, asked), output);
      if (round.result() != null) {
        return round.result();
      }
      asked = round.next();
    }
  }

  @Override
  public <T> CompletableFuture<LlmResponse<T>> structuredAsync(
      Request request, StructuredOutput<T> output) {
    CompletableFuture<LlmResponse<T>> future = new CompletableFuture<>();
    try {
      Prompt asked = Prompt.of(request, false, output);
      Attempts attempts = attempts(asked, false);
      attempts.record().decodesAnswer();
      structuredRound(asked, attempts, output, future);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  @Override
  public LlmStream stream(Request request) {
    return openStream(request, true);
  }

  @Override
  public Stream<String> textStream(Request request) {
    return openStream(request, false).text();
  }

  @Override
  public Flow.Publisher<String> publisher(Request request) {
    Prompt streamed = Prompt.of(request, true, null);
    // transport::execute signals from the closing thread once the runtime's threads are gone
    return new ChunkPublisher(channel -> streamingCall(channel, streamed, false), transport::execute);
  }

  // ---- Plain attempts: blocking ----

  /**
   * The attempts of one request, its tool rounds included, to its end: a response, or the call's
   * exception.
   */
  private Answer run(Attempts attempts, Prompt asked) {
    try (Scope ignored = attempts.enter()) {
      return runInScope(attempts, asked);
    }
  }

  private Answer runInScope(Attempts attempts, Prompt asked) {
    while (true) {
      Attempts.Go go = attempts.begin("the call was not sent");
      if (!go.send()) {
        pause(attempts, go.delay());
        continue;
      }
      Attempts.Decision decision;
      try {
        HttpResponse<byte[]> response =
            transport.send(attempts.request(asked, go.timeout(), false), go.timeout());
        Outcome outcome = outcome(attempts, asked, response);
        if (outcome.response() != null) {
          return new Answer(outcome.response(), asked);
        }
        if (outcome.next() != null) { // a tool round: its results go in the next attempt
          asked = outcome.next();
          continue;
        }
        decision = outcome.decision();
      } catch (IOException e) {
        decision = transportFailure(attempts, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw attempts.interrupted(e, null);
      }
      if (!decision.again()) {
        throw decision.end();
      }
      pause(attempts, decision.delay());
    }
  }

  private void pause(Attempts attempts, Duration delay) {
    try {
      attempts.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.interrupted(e, null);
    }
  }

  // ---- Plain attempts: without blocking a thread ----

  /**
   * Runs the attempts as a chain of futures and completes one result future directly, so a
   * failure arrives as the {@link LlmException} itself, not wrapped in a CompletionException.
   */
  private <T> CompletableFuture<T> async(Request request, boolean filterIsResult,
      Function<LlmResponse<String>, T> result) {
    CompletableFuture<T> future = new CompletableFuture<>();
    try {
      Prompt asked = Prompt.of(request, false, null);
      Attempts attempts = attempts(asked, filterIsResult);
      attemptAsync(attempts, asked, future,
          r -> future.complete(result.apply(r.response())));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private <T> void structuredRound(Prompt asked, Attempts attempts, StructuredOutput<T> output,
      CompletableFuture<LlmResponse<T>> future) {
    attemptAsync(attempts, asked, future, answer -> {
      Round<T> round = decode(attempts.record(), answer, output);
      if (round.result() != null) {
        future.complete(round.result());
      } else {
        structuredRound(round.next(), attempts, output, future);
      }
    });
  }

  /**
   * Runs attempts without blocking; hands the response on, or fails {@code future}. The call's
   * captured context is current around each attempt and its completion, on whatever thread.
   */
  private void attemptAsync(Attempts attempts, Prompt asked, CompletableFuture<?> future,
      Consumer<Answer> onResponse) {
    try (Scope ignored = attempts.enter()) {
      attemptAsyncInScope(attempts, asked, future, onResponse);
    }
  }

  private void attemptAsyncInScope(Attempts attempts, Prompt asked, CompletableFuture<?> future,
      Consumer<Answer> onResponse) {
    if (future.isDone()) {
      attempts.record().cancelled();
      return; // cancelled by the caller: no further attempt
    }
    Attempts.Go go;
    try {
      go = attempts.begin("the call was not sent");
    } catch (LlmException e) {
      future.completeExceptionally(e);
      return;
    }
    if (!go.send()) {
      attempts.later(go.delay(), () -> attemptAsync(attempts, asked, future, onResponse));
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> exchange =
        transport.sendAsync(attempts.request(asked, go.timeout(), false), go.timeout());
    future.whenComplete((v, t) -> {
      if (future.isCancelled()) {
        exchange.cancel(true);
      }
    });
    exchange.whenComplete((response, failure) -> {
      try (Scope ignored = attempts.enter()) {
        completed(attempts, asked, future, onResponse, response, failure);
      }
    });
  }

  /** An attempt's exchange completed: the response handed on, the next attempt, or the end. */
  private void completed(Attempts attempts, Prompt asked, CompletableFuture<?> future,
      Consumer<Answer> onResponse, HttpResponse<byte[]> response, Throwable failure) {
    Attempts.Decision decision;
    try {
      if (failure == null) {
        Outcome outcome = outcome(attempts, asked, response);
        if (outcome.response() != null) {
          onResponse.accept(new Answer(outcome.response(), asked));
          return;
        }
        if (outcome.next() != null) { // a tool round: its results go in the next attempt
          attemptAsyncInScope(attempts, outcome.next(), future, onResponse);
          return;
        }
        decision = outcome.decision();
      } else {
        decision = transportFailure(attempts, failure);
      }
    } catch (LlmException e) {
      future.completeExceptionally(e);
      return;
    }
    if (!decision.again()) {
      future.completeExceptionally(decision.end());
      return;
    }
    attempts.later(decision.delay(), () -> attemptAsync(attempts, asked, future, onResponse));
  }

  // ---- What an HTTP outcome means ----

  /**
   * A response to return, the prompt of the next tool round, or what the engine decided after a
   * failed attempt.
   */
  private record Outcome(LlmResponse<String> response, Attempts.Decision decision, Prompt next) {}

  /** A response, and the prompt it answered: the one asked, with the call's tool rounds. */
  private record Answer(LlmResponse<String> response, Prompt answered) {}

  /**
   * Reads an attempt's response, whatever its status.
   *
   * @throws LlmException when a 2xx answer is a failure for this shape (a content filter)
   */
  private Outcome outcome(Attempts attempts, Prompt asked, HttpResponse<byte[]> response) {
    ProviderWire wire = attempts.wire();
    attempts.responded(response.headers());
    String requestId = wire.requestId(response.headers());
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      return new Outcome(null, attempts.failed(
          ErrorClassifier.classifyHttp(status, response.headers(), text, context.clock()),
          status, requestId, null, null, Attempts.Received.NOTHING), null);
    }
    ProviderWire.Decoded decoded = wire.decode(response.body(), asked);
    if (decoded instanceof ProviderWire.Decoded.Failure) {
      return new Outcome(null, attempts.failed(((ProviderWire.Decoded.Failure) decoded).classification(),
          status, requestId, null, null, Attempts.Received.NOTHING), null);
    }
    Completion c = ((ProviderWire.Decoded.Success) decoded).completion();
    Prompt next = attempts.toolRound(c, asked, status, requestId, c.usage());
    if (next != null) {
      return new Outcome(null, null, next);
    }
    return new Outcome(attempts.succeeded(c, asked, status, requestId, c.usage()), null, null);
  }

  private static Attempts.Decision transportFailure(Attempts attempts, Throwable failure) {
    return attempts.failed(ErrorClassifier.classifyTransport(failure), 0, null, failure, null,
        Attempts.Received.NOTHING);
  }

  // ---- Structured results ----

  /** The outcome of one answer: the result, or the prompt that sends it back to be repaired. */
  private record Round<T>(LlmResponse<T> result, Prompt next) {}

  /**
   * Decodes an answer. One that does not fit is sent back with its violations while repairs are
   * left; after that the call fails as VALIDATION with the raw answer and the violations.
   *
   * @throws LlmException when no repair is left
   */
  private <T> Round<T> decode(CallRecord record, Answer answered, StructuredOutput<T> output) {
    LlmResponse<String> answer = answered.response();
    Prompt asked = answered.answered(); // with its tool rounds: a repair sends their results again
    StructuredReader.Result<T> read = StructuredReader.read(answer.text(), output);
    if (read.ok()) {
      // A forced tool call is how Anthropic gives a structured answer: the answer is complete.
      FinishReason finish = answer.finishReason() == FinishReason.TOOL_CALLS
          ? FinishReason.STOP : answer.finishReason();
      return new Round<>(record.decoded(answer.withValue(read.value(), finish)), null);
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

  // ---- Wiring ----

  private LlmStream openStream(Request request, boolean filterIsResult) {
    ChunkChannel channel = new ChunkChannel();
    StreamingCall call = streamingCall(channel, Prompt.of(request, true, null), filterIsResult);
    if (site.hedge() != null) {
      call.startAsync(); // the caller must not wait for a first target the hedge may overtake
    } else {
      call.start();
    }
    return new DefaultLlmStream(call, channel);
  }

  private StreamingCall streamingCall(ChunkChannel channel, Prompt prompt, boolean filterIsResult) {
    Attempts attempts = new Attempts(site, route, policy, stats, context, prompt,
        context.streamTimeouts().total(), filterIsResult);
    return new StreamingCall(site, attempts, context, channel, prompt);
  }

  /** A new call's attempts: its record, its deadline. */
  private Attempts attempts(Prompt asked, boolean filterIsResult) {
    return new Attempts(site, route, policy, stats, context, asked, null, filterIsResult);
  }
}
