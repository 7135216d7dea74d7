package dev.llmcall.processor;

import java.util.Optional;

/**
 * The return types an {@code @LlmCall} method may declare, each with the {@code BoundCall}
 * method the generated code calls for it.
 */
enum ReturnKind {
  TEXT("String", RuntimeNames.TEXT, null),
  RESPONSE("LlmResponse<String>", RuntimeNames.CALL, null),
  TEXT_ASYNC("CompletableFuture<String>", RuntimeNames.TEXT_ASYNC, null),
  RESPONSE_ASYNC("CompletableFuture<LlmResponse<String>>", RuntimeNames.CALL_ASYNC, null),
  /** The chunks of a stream, which is closed when the {@code Stream} is closed. */
  TEXT_STREAM("Stream<String>", RuntimeNames.TEXT_STREAM, null),
  TEXT_PUBLISHER("Flow.Publisher<String>", RuntimeNames.PUBLISHER, null),
  LLM_STREAM("LlmStream", RuntimeNames.STREAM, null),
  /** A record, an enum or a {@code List} of them, read from a structured answer (#6). */
  STRUCTURED("R", RuntimeNames.STRUCTURED, RuntimeNames.VALUE),
  STRUCTURED_RESPONSE("LlmResponse<R>", RuntimeNames.STRUCTURED, null),
  /** The future's response is mapped to its value with {@code thenApply}. */
  STRUCTURED_ASYNC("CompletableFuture<R>", RuntimeNames.STRUCTURED_ASYNC, RuntimeNames.VALUE),
  STRUCTURED_RESPONSE_ASYNC("CompletableFuture<LlmResponse<R>>", RuntimeNames.STRUCTURED_ASYNC, null);

  /** The streaming kinds, for messages that suggest one. */
  static final String ALL_STREAMS = "Stream<String>, Flow.Publisher<String> or LlmStream";

  private final String declaredType;
  private final String boundCallMethod;
  private final String resultMethod;

  ReturnKind(String declaredType, String boundCallMethod, String resultMethod) {
    this.declaredType = declaredType;
    this.boundCallMethod = boundCallMethod;
    this.resultMethod = resultMethod;
  }

  /** The return type as a user declares it, for messages. */
  String declaredType() {
    return declaredType;
  }

  /** The name of the {@code BoundCall} method that the generated code calls. */
  String boundCallMethod() {
    return boundCallMethod;
  }

  /**
   * The no-argument method called on the result of {@link #boundCallMethod}, if any; for an
   * {@link #async} kind, on the response the future completes with.
   */
  Optional<String> resultMethod() {
    return Optional.ofNullable(resultMethod);
  }

  /** Whether the result is a future. */
  boolean async() {
    return this == TEXT_ASYNC || this == RESPONSE_ASYNC || this == STRUCTURED_ASYNC
        || this == STRUCTURED_RESPONSE_ASYNC;
  }

  /** Whether the answer is read into a record, an enum or a list of them. */
  boolean structured() {
    return this == STRUCTURED || this == STRUCTURED_RESPONSE || this == STRUCTURED_ASYNC
        || this == STRUCTURED_RESPONSE_ASYNC;
  }

  /** Whether the answer arrives in chunks, so that {@code @Retry(resumeStream)} applies. */
  boolean streaming() {
    return this == TEXT_STREAM || this == TEXT_PUBLISHER || this == LLM_STREAM;
  }
}
