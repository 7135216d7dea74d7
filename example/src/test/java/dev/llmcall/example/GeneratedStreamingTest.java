package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated streaming methods, end to end against the fake provider. */
class GeneratedStreamingTest {
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-e2e-stream").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void streamMethodYieldsChunksAndSendsAStreamingRequest() {
    server.enqueue(FakeReply.stream("The ", "keeper ", "slept."));
    try (Stream<String> story = LlmStoryteller.create(runtime).story("a lighthouse")) {
      assertEquals(List.of("The ", "keeper ", "slept."), story.collect(Collectors.toList()));
    }
    JsonNode body = server.takeRequest().json();
    assertTrue(body.path("stream").asBoolean());
    assertEquals("You tell very short stories.", body.path("messages").path(0).path("content").asText());
    assertEquals("Tell a story about a lighthouse", body.path("messages").path(1).path("content").asText());
  }

  @Test
  void llmStreamMethodGivesTheWholeResponseAtTheEnd() {
    server.enqueue(FakeReply.stream("Once ", "upon").usage(9, 2));
    LlmStream saga = LlmStoryteller.create(runtime).saga("dragons");
    assertEquals("Once upon", saga.response().text());
    assertEquals(2, saga.response().usage().outputTokens());
  }

  @Test
  void publisherMethodPushesChunks() throws Exception {
    server.enqueue(FakeReply.stream("Roses ", "are ", "red"));
    List<String> got = new ArrayList<>();
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    LlmStoryteller.create(runtime).poem("roses").subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String item) {
        got.add(item);
      }

      @Override
      public void onError(Throwable t) {
        end.complete(t);
      }

      @Override
      public void onComplete() {
        end.complete(null);
      }
    });
    assertEquals(null, end.get(20, TimeUnit.SECONDS));
    assertEquals("Roses are red", String.join("", got));
  }

  @Test
  void streamFailureIsAnLlmExceptionFromTheStream() {
    server.enqueue(FakeReply.status(400));
    LlmException e = assertThrows(LlmException.class,
        () -> LlmStoryteller.create(runtime).story("x").collect(Collectors.joining()));
    assertEquals(ErrorCategory.VALIDATION, e.category());
    assertEquals("Storyteller.story", e.method());
  }
}
