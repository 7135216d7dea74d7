package dev.llmcall.processor;

/**
 * The return types an {@code @LlmCall} method may declare, each with the {@code BoundCall}
 * method the generated code calls for it.
 */
enum ReturnKind {
  /** {@code String}. */
  TEXT("text"),
  /** {@code LlmResponse<String>}. */
  RESPONSE("call"),
  /** {@code CompletableFuture<String>}. */
  TEXT_ASYNC("textAsync"),
  /** {@code CompletableFuture<LlmResponse<String>>}. */
  RESPONSE_ASYNC("callAsync");

  private final String boundCallMethod;

  ReturnKind(String boundCallMethod) {
    this.boundCallMethod = boundCallMethod;
  }

  /** The name of the {@code BoundCall} method that returns this kind. */
  String boundCallMethod() {
    return boundCallMethod;
  }
}
