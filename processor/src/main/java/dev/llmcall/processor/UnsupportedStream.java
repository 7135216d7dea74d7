package dev.llmcall.processor;

/**
 * Why a return type that asks for a stream is not one the runtime can serve, and what to declare
 * instead (#5). Kept apart from other unsupported types so that the message can say what a
 * stream yields.
 */
enum UnsupportedStream {
  /** {@code Stream<Integer>}, {@code Flow.Publisher<Object>}. */
  NOT_TEXT("its elements are not String", ReturnKind.ALL_STREAMS),
  /** {@code Stream<LlmResponse<String>>}. */
  RESPONSES("each chunk is text, not a response",
      "LlmStream, whose response() gives the whole LlmResponse<String> once the stream ends"),
  /** {@code Flow.Publisher<LlmStream>}, {@code Stream<Stream<String>>}. */
  NESTED("each element would be a whole stream of its own",
      "LlmStream, which is an Iterable<String>, or Flow.Publisher<String>"),
  /** A raw {@code Stream} or {@code Flow.Publisher}. */
  RAW("it has no element type", ReturnKind.ALL_STREAMS),
  /** {@code Stream<? extends CharSequence>}. */
  WILDCARD("its element type is a wildcard", ReturnKind.ALL_STREAMS),
  /** {@code CompletableFuture<Stream<String>>}, {@code CompletableFuture<LlmStream>}. */
  IN_FUTURE("a stream is already asynchronous and needs no CompletableFuture around it",
      ReturnKind.ALL_STREAMS),
  /** {@code Stream<Person>}, {@code Flow.Publisher<List<Color>>} (#6). */
  STRUCTURED("structured output and streaming are not combined in this version",
      "Stream<String> for text, or the element type itself (or a CompletableFuture of it) for"
          + " one structured result"),
  /** {@code Iterator<String>}, {@code Iterable<String>}. */
  NOT_CLOSEABLE("it cannot be closed, so a stream left unread would keep its HTTP exchange open",
      "LlmStream, which is an Iterable<String> and can be closed");

  private final String reason;
  private final String instead;

  UnsupportedStream(String reason, String instead) {
    this.reason = reason;
    this.instead = instead;
  }

  /** Why the type cannot be served, as in "returns X, but {reason}". */
  String reason() {
    return reason;
  }

  /** What to declare instead, as in "declare {instead}". */
  String instead() {
    return instead;
  }
}
