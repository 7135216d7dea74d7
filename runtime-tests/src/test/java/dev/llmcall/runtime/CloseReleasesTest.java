package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Closing a runtime lets go of its HTTP client: on JDK 21+ it is closed, on JDK 17 it is dropped
 * so that it is collected; either way its selector thread ends and, with it, the pooled
 * connections (#11: after 500 streams, 400 connections used to stay established).
 */
class CloseReleasesTest {

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("SelectorManager"))
        .collect(Collectors.toSet());
  }

  /** Runs 40 streams on {@code runtime}, closes it, and returns its client's new threads. */
  private static Set<Thread> streamThenClose(
      LlmRuntime runtime, FakeLlmServer server, Set<Thread> before) {
    BoundCall call = runtime.bind(CallSite.of("Close.streams", "openai", "m"));
    List<CompletableFuture<String>> streams = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      server.enqueue(FakeReply.stream("a ", "b"));
      streams.add(CompletableFuture.supplyAsync(
          () -> call.textStream(null, "x").collect(Collectors.joining())));
    }
    for (CompletableFuture<String> s : streams) {
      assertEquals("a b", s.join());
    }
    Set<Thread> ours = selectorThreads();
    ours.removeAll(before);
    assertFalse(ours.isEmpty(), "the runtime's client has a selector thread");
    runtime.close();
    return ours;
  }

  @Test
  void theClientsSelectorThreadEndsAfterClose() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (FakeLlmServer server = FakeLlmServer.start()) {
        // The runtime stays reachable, as a closed bean or a field would: only its client may go.
        Set<Thread> before = selectorThreads();
        LlmRuntime runtime = LlmRuntime.builder()
            .provider(ProviderConfig.openAi("k").withBaseUrl(server.openAiBaseUrl()))
            .build();
        Set<Thread> ours = streamThenClose(runtime, server, before);
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (ours.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
          System.gc(); // JDK 17: the dropped client is collected, and its selector thread ends
          Thread.sleep(50);
        }
        assertFalse(ours.stream().anyMatch(Thread::isAlive),
            "selector threads still alive after close: " + ours);
        assertEquals(0, runtime.liveStreams());
      }
    });
  }
}
