package dev.llmcall.bench.e2e;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * llmcall: the generated {@code LlmBenchAssistant}, with the default retry policy and the
 * "openai" circuit breaker. Two runtimes because the upstream serves the canned answer and the
 * stream at different base URLs.
 */
public final class LlmcallContender implements Contender {
  private LlmRuntime jsonRuntime;
  private LlmRuntime sseRuntime;
  private BenchAssistant json;
  private BenchAssistant sse;
  private final HttpClient http;

  public LlmcallContender() {
    this(null);
  }

  /** Over a given client, for the microbenchmarks' in-memory one; {@code null}: llmcall's own. */
  public LlmcallContender(HttpClient http) {
    this.http = http;
  }

  @Override
  public void open(URI jsonBase, URI sseBase) {
    jsonRuntime = runtime(jsonBase, http);
    sseRuntime = runtime(sseBase, http);
    json = LlmBenchAssistant.create(jsonRuntime);
    sse = LlmBenchAssistant.create(sseRuntime);
  }

  private static LlmRuntime runtime(URI base, HttpClient http) {
    LlmRuntime.Builder b = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("bench-key").withBaseUrl(base));
    return (http == null ? b : b.httpClient(http)).build();
  }

  @Override
  public String call(String text) {
    return json.summarize(text);
  }

  @Override
  public int stream(String text) {
    int chars = 0;
    try (Stream<String> chunks = sse.summarizeStream(text)) {
      Iterator<String> it = chunks.iterator();
      while (it.hasNext()) {
        chars += it.next().length();
      }
    }
    return chars;
  }

  /** The generated {@code ...Async} method: {@code BoundCall.textAsync}. */
  public CompletableFuture<String> callAsync(String text) {
    return json.summarizeAsync(text);
  }

  /**
   * A stream through the generated {@code Flow.Publisher} method, with no waiting thread; the
   * future completes with the number of characters received.
   */
  public CompletableFuture<Integer> streamAsync(String text) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    sse.summarizePublisher(text).subscribe(new Flow.Subscriber<String>() {
      private int chars;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String chunk) {
        chars += chunk.length();
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(chars);
      }
    });
    return done;
  }

  @Override
  public void close() {
    jsonRuntime.close();
    sseRuntime.close();
  }
}
