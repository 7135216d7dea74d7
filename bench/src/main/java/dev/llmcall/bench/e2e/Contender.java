package dev.llmcall.bench.e2e;

import java.net.URI;

/**
 * One way of calling the chat-completions endpoint, for {@link E2eMain}. Implementations are
 * loaded by name, so a contender's classes (and its SDK) are loaded only when it runs.
 */
public interface Contender extends AutoCloseable {
  String PROMPT_TEXT = "llmcall turns an annotated Java interface into a reliable, type-safe "
      + "client for large language models.";

  /** Builds the clients: non-streaming calls go to {@code jsonBase}, streams to {@code sseBase}. */
  void open(URI jsonBase, URI sseBase) throws Exception;

  /** One non-streaming call; returns the answer's text. */
  String call(String text) throws Exception;

  /** One streaming call, consumed to the end; returns the number of characters received. */
  int stream(String text) throws Exception;

  @Override
  default void close() throws Exception {}

  static Contender named(String name) throws ReflectiveOperationException {
    String cls = switch (name) {
      case "floor" -> "dev.llmcall.bench.e2e.FloorContender";
      case "tuned-floor" -> "dev.llmcall.bench.e2e.TunedFloorContender";
      case "llmcall" -> "dev.llmcall.bench.e2e.LlmcallContender";
      case "openai-java" -> "dev.llmcall.bench.e2e.OpenAiSdkContender";
      case "langchain4j" -> "dev.llmcall.bench.e2e.LangChain4jContender";
      default -> throw new IllegalArgumentException("unknown contender " + name);
    };
    return (Contender) Class.forName(cls).getDeclaredConstructor().newInstance();
  }
}
