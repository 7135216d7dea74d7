package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.VirtualScheduler;
import dev.llmcall.testkit.FakeReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed calls end to end against the fake provider. Timeouts are fired by hand: virtual time
 * moves, then the transport's sweep checks, after the test has read what it needs, so every case is
 * deterministic and nothing sleeps.
 */
class StreamingTest {
  private static final StreamTimeouts TIMEOUTS =
      new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5));
  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-stream").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-stream").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(time)
        .streamTimeouts(TIMEOUTS)
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call(String provider) {
    return runtime.bind(CallSite.of("Teller.story", provider, "m"));
  }

  private BoundCall resuming(String provider) {
    return runtime.bind(CallSite.of("Teller.story", provider, "m").resumeStream(true));
  }

  private static List<String> read(Iterator<String> it, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && it.hasNext(); i++) {
      out.add(it.next());
    }
    return out;
  }

  /** Moves virtual time on: the sweep of what is in flight ticks on the way. */
  private void elapse(Duration d) {
    time.advance(d);
  }

  @Test
  void openAiChunksArriveInOrderAndTheResponseHasUsage() {
    server.enqueue(FakeReply.stream("Once ", "upon ", "a time.").usage(12, 4));
    try (LlmStream s = call("openai").stream("Be brief.", "Tell a story")) {
      List<String> chunks = new ArrayList<>();
      s.forEach(chunks::add);
      assertEquals(List.of("Once ", "upon ", "a time."), chunks);
      LlmResponse<String> r = s.response();
      assertEquals("Once upon a time.", r.text());
      assertEquals(new Usage(12, 4), r.usage());
      assertEquals(FinishReason.STOP, r.finishReason());
      assertEquals(1, r.attempts());
      assertTrue(s.state().done());
    }
    JsonNode body = server.takeRequest().json();
    assertTrue(body.path("stream").asBoolean());
    assertTrue(body.path("stream_options").path("include_usage").asBoolean());
  }

  @Test
  void anthropicChunksArriveAndTheResponseHasStopReasonAndUsage() {
    server.enqueue(FakeReply.stream("Guten ", "Morgen").usage(7, 2).finishReason("max_tokens"));
    LlmStream s = call("anthropic").stream(null, "Translate");
    assertEquals("Guten Morgen", s.text().collect(Collectors.joining()));
    assertEquals(FinishReason.LENGTH, s.response().finishReason());
    assertEquals(new Usage(7, 2), s.response().usage());
    assertTrue(server.takeRequest().json().path("stream").asBoolean());
  }

  @Test
  void failureBeforeTheFirstChunkIsRetriedInvisibly() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.stream("fine"));
    LlmStream s = call("openai").stream(null, "x");
    assertEquals("fine", s.text().collect(Collectors.joining()));
    assertEquals(2, s.response().attempts());
  }

  @Test
  void inBandOverloadedErrorBeforeTextIsRetried() {
    server.enqueue(FakeReply.stream("lost").errorAfter(1, "overloaded_error", "Overloaded"))
        .enqueue(FakeReply.stream("kept"));
    LlmStream s = call("anthropic").stream(null, "x");
    assertEquals("kept", s.text().collect(Collectors.joining()));
    assertEquals(ErrorCategory.SERVER_ERROR, s.response().history().get(0).failure());
  }

  @Test
  void streamEndingWithoutItsTerminalEventIsAFailureAndRetried() {
    server.enqueue(FakeReply.stream("never").cutAfter(1)).enqueue(FakeReply.stream("whole"));
    LlmStream s = call("openai").stream(null, "x");
    assertEquals("whole", s.text().collect(Collectors.joining()));
    assertEquals(ErrorCategory.NETWORK, s.response().history().get(0).failure());
  }

  @Test
  void firstTokenTimeoutIsRetried() {
    server.enqueue(FakeReply.stream("slow").stallAfter(1)).enqueue(FakeReply.stream("fast"));
    LlmStream s = call("openai").stream(null, "x");
    server.takeRequest();
    elapse(Duration.ofSeconds(21));
    assertEquals("fast", s.text().collect(Collectors.joining()));
    assertEquals(ErrorCategory.TIMEOUT, s.response().history().get(0).failure());
  }

  @Test
  void failureAfterDeliveryHandsBackThePartialText() {
    server.enqueue(FakeReply.stream("The keeper ", "climbed").stallAfter(2));
    LlmStream s = call("openai").stream(null, "x");
    Iterator<String> it = s.iterator();
    assertEquals(List.of("The keeper "), read(it, 1));
    elapse(Duration.ofSeconds(11)); // idle: no event for 10 s

    LlmException e = assertThrows(LlmException.class, it::hasNext);
    assertEquals(ErrorCategory.TIMEOUT, e.category());
    assertTrue(e.detail().contains("idle timeout"), e.detail());
    assertEquals("The keeper ", e.partialText().orElseThrow());
    assertEquals(1, e.streamState().orElseThrow().chunks());
    assertEquals(1, server.requestCount());
  }

  @Test
  void optedInStreamResumesAndDeliversOnlyWhatIsNew() {
    server.enqueue(FakeReply.stream("The lighthouse keeper ", "climbed").stallAfter(2))
        .enqueue(FakeReply.stream("lighthouse keeper ", "climbed the stairs."));
    LlmStream s = resuming("openai").stream(null, "Tell a story about a lighthouse");
    Iterator<String> it = s.iterator();
    assertEquals(List.of("The lighthouse keeper "), read(it, 1));
    elapse(Duration.ofSeconds(11));

    List<String> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertEquals("climbed the stairs.", String.join("", rest));
    assertEquals("The lighthouse keeper climbed the stairs.", s.response().text());
    assertEquals(2, s.response().attempts());

    server.takeRequest();
    JsonNode resumed = server.takeRequest().json().path("messages");
    assertEquals("assistant", resumed.path(1).path("role").asText());
    assertEquals("The lighthouse keeper ", resumed.path(1).path("content").asText());
    assertEquals("user", resumed.path(2).path("role").asText());
    assertTrue(resumed.path(2).path("content").asText().startsWith("Continue your previous answer"));
  }

  @Test
  void anthropicResumeUsesAnAssistantPrefill() {
    // message_start, content_block_start, ping, the first delta; then silence
    server.enqueue(FakeReply.stream("Es war einmal ", "ein").stallAfter(4))
        .enqueue(FakeReply.stream("ein Leuchtturm."));
    LlmStream s = resuming("anthropic").stream(null, "Erzähle eine Geschichte");
    Iterator<String> it = s.iterator();
    assertEquals(List.of("Es war einmal "), read(it, 1));
    elapse(Duration.ofSeconds(11));
    it.forEachRemaining(c -> { });
    assertEquals("Es war einmal ein Leuchtturm.", s.response().text());
    server.takeRequest();
    JsonNode messages = server.takeRequest().json().path("messages");
    assertEquals(2, messages.size());
    assertEquals("Es war einmal", messages.path(1).path("content").asText()); // no trailing space
  }

  @Test
  void resumeInstructionIsInThePromptsLanguage() {
    server.enqueue(FakeReply.stream("Es war einmal ", "ein").stallAfter(2))
        .enqueue(FakeReply.stream("ein Leuchtturm."));
    LlmStream s = resuming("openai").stream(null, "Erzähle mir bitte eine Geschichte über einen Leuchtturm");
    read(s.iterator(), 1);
    elapse(Duration.ofSeconds(11));
    s.response();
    server.takeRequest();
    String instruction = server.takeRequest().json().path("messages").path(2).path("content").asText();
    assertTrue(instruction.startsWith("Setze deine vorige Antwort"), instruction);
  }

  @Test
  void keepAliveCommentsResetTheIdleClock() {
    server.enqueue(FakeReply.stream("a ", "b").stallAfter(2).keepAlive(Duration.ofMillis(10)));
    LlmStream s = call("openai").stream(null, "x");
    read(s.iterator(), 1);
    // Steps of 4 s against the idle limit of 10 s: a client that is one step late reading the
    // server's comments (a loaded machine) still saw one within the limit. 24 s in all.
    for (int i = 0; i < 6; i++) {
      time.advance(Duration.ofSeconds(4));
      int sent = server.keepAlivesSent();
      awaitTrue(() -> server.keepAlivesSent() >= sent + 3); // comments were sent after the move
    }
    assertFalse(s.state().done(), "no idle timeout while keep-alives arrive");
    s.close();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void totalTimeoutEndsTheStreamWithoutRetryAndKeepsItsAttempt() {
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-stream").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofHours(1), Duration.ofMinutes(5)))
        .build();
    server.enqueue(FakeReply.stream("a ", "b").stallAfter(2)).enqueue(FakeReply.stream("never"));
    LlmStream s = call("openai").stream(null, "x");
    awaitTrue(() -> s.state().deliveredText().equals("a "));
    time.advance(Duration.ofMinutes(5));
    LlmException e = assertThrows(LlmException.class, s::response);
    assertTrue(e.detail().contains("total stream timeout"), e.detail());
    assertFalse(e.retryable());
    assertEquals(1, server.requestCount());
    assertEquals(1, e.attempts(), "the attempt the total timeout ended is in the history");
    assertEquals(ErrorCategory.TIMEOUT, e.history().get(0).failure());
    assertEquals("a ", e.partialText().orElseThrow());
  }

  @Test
  void aRefusedStreamIsAResultForLlmStreamAndAFailureForStreamOfString() { // #11
    server.enqueue(FakeReply.stream("no").refusal("I can't help with that.").usage(7, 3));
    LlmResponse<String> r = call("openai").stream(null, "x").response();
    assertEquals("I can't help with that.", r.refusal());
    assertEquals(FinishReason.STOP, r.finishReason(), "an OpenAI refusal arrives with stop");
    assertTrue(r.filtered());
    assertEquals(new Usage(7, 3), r.usage());

    server.enqueue(FakeReply.stream("no").refusal("I can't help with that.").usage(7, 3));
    List<String> chunks = new ArrayList<>();
    LlmException e = assertThrows(LlmException.class,
        () -> call("openai").textStream(null, "x").forEach(chunks::add));
    assertEquals(ErrorCategory.CONTENT_FILTER, e.category());
    assertFalse(e.retryable());
    assertEquals("I can't help with that.", e.refusal().orElseThrow());
    assertEquals(new Usage(7, 3), e.usage());
    assertEquals(String.join("", chunks), e.partialText().orElse(""), "the text that came is kept");
  }

  @Test
  void stateIsInspectableWhileStreaming() {
    server.enqueue(FakeReply.stream("one ", "two ", "three").stallAfter(3).eventIds(true));
    LlmStream s = call("openai").stream(null, "x");
    read(s.iterator(), 2);
    StreamState state = s.state();
    assertEquals("one two ", state.deliveredText());
    assertEquals(2, state.chunks());
    assertEquals(1, state.attempt());
    assertEquals("3", state.lastEventId());
    assertFalse(state.done());
    s.close();
    assertTrue(s.state().done());
  }

  @Test
  void closingEarlyCancelsTheExchangeAndReleasesTheConnection() throws Exception {
    String[] many = new String[500];
    java.util.Arrays.fill(many, "word ");
    server.enqueue(FakeReply.stream(many).chunkDelay(Duration.ofMillis(5)));
    LlmStream s = call("openai").stream(null, "x");
    read(s.iterator(), 2);
    s.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.activeStreams() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(0, server.activeStreams());
    assertEquals(1, server.abandonedStreams());
    assertEquals(0, runtime.liveStreams());
  }

  @Test
  void nullPromptIsRejectedBeforeAnyRequest() {
    assertThrows(NullPointerException.class, () -> call("openai").stream(null, null));
    assertEquals(0, server.requestCount());
  }

  @Test
  void openingAStreamStartsNoThreadPerCall() {
    // With a one-worker common pool (this module's surefire argLine, as on 2 cores), every
    // HttpClient.sendAsync hands its completion to a new thread; a stream's first attempt is sent
    // on the caller's thread instead, so a steady run of streams starts no threads at all.
    BoundCall call = call("openai");
    for (int i = 0; i < 20; i++) { // the transport's pool grows to its fixed size first
      server.enqueue(FakeReply.stream("warm"));
      assertEquals("warm", call.stream(null, "x").text().collect(Collectors.joining()));
    }
    long before = threadsCreated();
    for (int i = 0; i < 20; i++) {
      server.enqueue(FakeReply.stream("steady"));
      assertEquals("steady", call.stream(null, "x").text().collect(Collectors.joining()));
    }
    long started = threadsCreated() - before - 1;
    assertTrue(started < 5, started + " threads started for 20 streams");
  }

  /** Thread ids are handed out in order: the next one tells how many threads were made so far. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
  private static long threadsCreated() {
    return new Thread(() -> { }).getId();
  }

  @Test
  void interruptedWhileOpeningEndsTheStreamAndKeepsTheInterrupt() {
    server.enqueue(FakeReply.stream("never read"));
    Thread.currentThread().interrupt();
    LlmException e = assertThrows(LlmException.class, () -> call("openai").stream(null, "x"));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertEquals(ErrorCategory.UNKNOWN, e.category());
    assertTrue(e.detail().contains("interrupted"), e.detail());
    assertTrue(e.streamState().orElseThrow().done());
    assertEquals(0, runtime.liveStreams());
  }
}
