package dev.llmcall.runtime.spi;

import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A {@link CallSite} bound to a runtime: provider, retry policy and circuit breaker resolved
 * once. Each method sends one {@link Request} (or a system prompt and a user message alone) through the whole pipeline (breaker, retry loop, provider,
 * HTTP) and either returns the response or throws {@link LlmException}. Thread-safe.
 *
 * <pre>{@code
 * private final BoundCall summarize = runtime.bind(SUMMARIZE);   // in the constructor
 * return this.summarize.text(null, "Summarize: " + text);          // in the method
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 */
public interface BoundCall {

  /** The call site this call was bound from. */
  CallSite site();

  /**
   * Sends one request and waits for the answer, running the tool loop when it has tools.
   *
   * @param request the system prompt, the history, the user message with its images, the tools
   * @throws LlmException on every failure, after retries
   */
  LlmResponse<String> call(Request request);

  /**
   * {@link #call(Request)} with the system prompt and the user message alone.
   *
   * @param system the system prompt, or {@code null} for none
   * @param prompt the user message
   */
  default LlmResponse<String> call(String system, String prompt) {
    return call(Request.of(system, prompt));
  }

  /**
   * Sends one prompt without blocking a thread. The future completes with the answer, or
   * exceptionally with an {@link LlmException}, unwrapped.
   */
  CompletableFuture<LlmResponse<String>> callAsync(Request request);

  /** {@link #callAsync(Request)} with the system prompt and the user message alone. */
  default CompletableFuture<LlmResponse<String>> callAsync(String system, String prompt) {
    return callAsync(Request.of(system, prompt));
  }

  /**
   * Starts a streamed call: the first attempt is sent on the calling thread, which waits until
   * its response headers are in (or it failed, to be retried in the background); chunks are then
   * read as they come. Failures before any content was received are retried; see
   * {@link LlmStream}. A refusal or content filter is the response's finish, not a failure.
   *
   * @throws LlmException when the calling thread is interrupted while the stream is opened
   */
  LlmStream stream(Request request);

  /** {@link #stream(Request)} with the system prompt and the user message alone. */
  default LlmStream stream(String system, String prompt) {
    return stream(Request.of(system, prompt));
  }

  /**
   * A cold publisher of the text chunks: each subscription makes one streamed call, without
   * blocking a thread while waiting; demand and cancellation are honoured. It signals
   * {@code onError} with an {@link LlmException}, a refusal or content filter included.
   */
  Flow.Publisher<String> publisher(Request request);

  /** {@link #publisher(Request)} with the system prompt and the user message alone. */
  default Flow.Publisher<String> publisher(String system, String prompt) {
    return publisher(Request.of(system, prompt));
  }

  /**
   * Asks for a structured result: the schema is sent natively (OpenAI {@code response_format}
   * {@code json_schema} strict; Anthropic a forced tool), the answer decoded by the generated
   * decoder, and an answer that does not fit sent back with its violations up to the method's
   * {@code repairAttempts}. Fails with a {@code VALIDATION} {@link LlmException} carrying the raw
   * output and the violations when it still does not fit.
   */
  <T> LlmResponse<T> structured(Request request, StructuredOutput<T> output);

  /** {@link #structured(Request, StructuredOutput)} with the system prompt and the user message alone. */
  default <T> LlmResponse<T> structured(String system, String prompt, StructuredOutput<T> output) {
    return structured(Request.of(system, prompt), output);
  }

  /** {@link #structured} without blocking a thread. */
  <T> CompletableFuture<LlmResponse<T>> structuredAsync(Request request, StructuredOutput<T> output);

  /** {@link #structuredAsync(Request, StructuredOutput)} with the system prompt and the user message alone. */
  default <T> CompletableFuture<LlmResponse<T>> structuredAsync(
      String system, String prompt, StructuredOutput<T> output) {
    return structuredAsync(Request.of(system, prompt), output);
  }

  /**
   * {@link #call} for the text alone. A refusal or content filter, which {@link #call} returns as
   * a response, is a non-retryable {@code CONTENT_FILTER} {@link LlmException} here, with the
   * text, the refusal and the usage: a {@code String} cannot say it.
   */
  String text(Request request);

  /** {@link #text(Request)} with the system prompt and the user message alone. */
  default String text(String system, String prompt) {
    return text(Request.of(system, prompt));
  }

  /** {@link #callAsync} for the text alone; a refusal or content filter as in {@link #text}. */
  CompletableFuture<String> textAsync(Request request);

  /** {@link #textAsync(Request)} with the system prompt and the user message alone. */
  default CompletableFuture<String> textAsync(String system, String prompt) {
    return textAsync(Request.of(system, prompt));
  }

  /**
   * {@link #stream}'s chunks as a {@code Stream<String>}, which closes the stream when closed. A
   * refusal or content filter ends it, after the text that came, with a {@code CONTENT_FILTER}
   * {@link LlmException}, as in {@link #text}.
   */
  Stream<String> textStream(Request request);

  /** {@link #textStream(Request)} with the system prompt and the user message alone. */
  default Stream<String> textStream(String system, String prompt) {
    return textStream(Request.of(system, prompt));
  }
}
