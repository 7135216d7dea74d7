package dev.llmcall.bench.e2e;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** LangChain4j's AiServices over langchain4j-open-ai (its JDK HttpClient), with its defaults. */
public final class LangChain4jContender implements Contender {

  /** The LangChain4j counterpart of {@link BenchAssistant}. */
  public interface Lc4jAssistant {
    @UserMessage("Summarize: {{text}}")
    String summarize(@V("text") String text);

    @UserMessage("Summarize: {{text}}")
    TokenStream summarizeStream(@V("text") String text);
  }

  private Lc4jAssistant assistant;

  @Override
  public void open(URI jsonBase, URI sseBase) {
    OpenAiChatModel chat = OpenAiChatModel.builder()
        .baseUrl(jsonBase.toString())
        .apiKey("bench-key")
        .modelName("gpt-4o-mini")
        .build();
    OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
        .baseUrl(sseBase.toString())
        .apiKey("bench-key")
        .modelName("gpt-4o-mini")
        .build();
    assistant = AiServices.builder(Lc4jAssistant.class)
        .chatModel(chat)
        .streamingChatModel(streaming)
        .build();
  }

  @Override
  public String call(String text) {
    return assistant.summarize(text);
  }

  @Override
  public int stream(String text) throws Exception {
    AtomicInteger chars = new AtomicInteger();
    CompletableFuture<Integer> done = new CompletableFuture<>();
    assistant.summarizeStream(text)
        .onPartialResponse(chunk -> chars.addAndGet(chunk.length()))
        .onCompleteResponse(response -> done.complete(chars.get()))
        .onError(done::completeExceptionally)
        .start();
    return done.get();
  }
}
