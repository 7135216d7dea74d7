package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a reasoning model says beside its answer, end to end on both wires, whole and streamed: on
 * the response, never in the text; Anthropic's thinking blocks exactly in the turn; stream deltas
 * apart from the text (#12).
 */
@Timeout(20)
class ReasoningTest {
  private static final List<ThinkingBlock> BLOCKS = List.of(
      ThinkingBlock.of("Facts first.", "sig-1"), ThinkingBlock.redacted("EncRypTed=="),
      ThinkingBlock.of("Then the answer.", "sig-2"));
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-think").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-think").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private BoundCall call(String provider) {
    return runtime.bind(CallSite.of("Solver.solve", provider, "m"));
  }

  private static String[] many(int n) {
    return Collections.nCopies(n, "hmm ").toArray(new String[0]);
  }

  /** What {@code publisher} sent a subscriber that asked for {@code n} at once, once complete. */
  private static List<String> published(Flow.Publisher<String> publisher, long n) throws Exception {
    List<String> chunks = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(n);
      }

      @Override
      public void onNext(String item) {
        chunks.add(item);
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
    assertNull(end.get(20, TimeUnit.SECONDS), "the publisher completes");
    return chunks;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void reasoningIsOnTheResponseNeverInTheText(String provider) {
    server.enqueue(FakeReply.text("4").reasoning("2 and 2 ", "make 4."));
    LlmResponse<String> r = call(provider).call(null, "2+2?");
    assertEquals("4", r.text());
    assertEquals("2 and 2 make 4.", r.reasoning());
    assertEquals("4", r.message().text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void anAnswerWithoutReasoningHasNone(String provider) {
    server.enqueue(FakeReply.text("4"));
    assertNull(call(provider).call(null, "2+2?").reasoning());
    server.enqueue(FakeReply.stream("4"));
    try (LlmStream s = call(provider).stream(null, "2+2?")) {
      assertEquals(List.of(new StreamEvent.Text("4")), s.events().collect(Collectors.toList()));
      assertNull(s.response().reasoning());
    }
  }

  @Test
  void anthropicThinkingBlocksAreInTheTurnExactlyAndGoBackUnchanged() {
    server.enqueue(FakeReply.text("Paris.").thinking(BLOCKS.toArray(new ThinkingBlock[0])));
    LlmResponse<String> r = call("anthropic").call(null, "Capital of France?");
    assertEquals("Paris.", r.text());
    assertEquals(BLOCKS, r.message().thinking());
    assertEquals("Facts first.\n\nThen the answer.", r.reasoning());

    server.enqueue(FakeReply.text("About two million."));
    call("anthropic").call(Request.of(null, "Its population?").history(r.turn()));
    server.takeRequest();
    JsonNode sent = server.takeRequest().json().at("/messages/1/content");
    assertEquals("thinking", sent.at("/0/type").asText());
    assertEquals("Facts first.", sent.at("/0/thinking").asText());
    assertEquals("sig-1", sent.at("/0/signature").asText());
    assertEquals("redacted_thinking", sent.at("/1/type").asText());
    assertEquals("EncRypTed==", sent.at("/1/data").asText());
    assertEquals("sig-2", sent.at("/2/signature").asText());
    assertEquals("Paris.", sent.at("/3/text").asText());
  }

  @Test
  void anthropicStreamedThinkingBlocksAreAssembledExactly() {
    server.enqueue(FakeReply.stream("Par", "is.").thinking(BLOCKS.toArray(new ThinkingBlock[0])));
    try (LlmStream s = call("anthropic").stream(null, "Capital of France?")) {
      assertEquals("Paris.", s.text().collect(Collectors.joining()));
      LlmResponse<String> r = s.response();
      assertEquals(BLOCKS, r.message().thinking());
      assertEquals("Facts first.\n\nThen the answer.", r.reasoning());
      assertEquals("Paris.", r.text());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void streamEventsHandReasoningOutApartFromTheTextInOrder(String provider) {
    server.enqueue(FakeReply.stream("Par", "is.").reasoning("Let me ", "think."));
    try (LlmStream s = call(provider).stream(null, "Capital of France?")) {
      List<StreamEvent> events = s.events().collect(Collectors.toList());
      assertEquals(List.of(
          new StreamEvent.Reasoning("Let me "), new StreamEvent.Reasoning("think."),
          new StreamEvent.Text("Par"), new StreamEvent.Text("is.")), events);
      assertEquals("Paris.", s.response().text());
      assertEquals("Let me think.", s.response().reasoning());
      assertEquals(2, s.state().chunks(), "reasoning deltas are not text chunks");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aReaderOfTextOnlyNeverSeesReasoningAndIsNotHeldUpByMuchOfIt(String provider) {
    // Far more reasoning deltas than the channel holds: a text reader drops them as it reads.
    server.enqueue(FakeReply.stream("Par", "is.").reasoning(many(2_000)));
    try (LlmStream s = call(provider).stream(null, "Capital of France?")) {
      List<String> chunks = new ArrayList<>();
      s.forEach(chunks::add);
      assertEquals(List.of("Par", "is."), chunks);
      assertEquals("hmm ".repeat(2_000), s.response().reasoning());
    }
  }

  @Test
  void aTextStreamAndAPublisherAreTextOnlyThroughMuchReasoning() throws Exception {
    server.enqueue(FakeReply.stream("Par", "is.").reasoning(many(2_000)));
    assertEquals("Paris.", call("openai").textStream(null, "x").collect(Collectors.joining()));

    server.enqueue(FakeReply.stream("Par", "is.").reasoning(many(2_000)));
    assertEquals(List.of("Par", "is."),
        published(call("anthropic").publisher(null, "x"), Long.MAX_VALUE));
  }

  @Test
  void aPublishersDemandIsSpentOnTextAlone() throws Exception {
    // Reasoning comes first: a subscriber that asks for exactly the text chunks gets them all,
    // and the end, without asking for more.
    server.enqueue(FakeReply.stream("a", "b").reasoning("x", "y"));
    assertEquals(List.of("a", "b"), published(call("openai").publisher(null, "x"), 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aStreamThatBrokeAfterOnlyReasoningEndsWithNoTextAndIsNotRetriedFromScratch(String provider) {
    // OpenAI: the role chunk and two reasoning chunks; Anthropic: message_start, the thinking
    // block's start and two thinking deltas. Then the connection is cut.
    int events = provider.equals("openai") ? 3 : 4;
    server.enqueue(FakeReply.stream("never").reasoning("Let me ", "think.").cutAfter(events))
        .enqueue(FakeReply.stream("a second attempt"));
    LlmStream s = call(provider).stream(null, "x");
    List<StreamEvent> seen = new ArrayList<>();
    LlmException e = assertThrows(LlmException.class, () -> s.events().forEach(seen::add));
    assertEquals(
        List.of(new StreamEvent.Reasoning("Let me "), new StreamEvent.Reasoning("think.")), seen);
    assertEquals(ErrorCategory.NETWORK, e.category());
    assertFalse(e.partialText().isPresent(), "no text came");
    assertTrue(e.detail().contains("after content was received"), e.detail());
    assertEquals(1, server.requestCount(), "reasoning is content: not retried from scratch");
  }

  @Test
  void aResumedStreamsReasoningIsEveryAttemptsAsTheReaderGotIt() {
    // the role chunk, the reasoning chunk, the first text chunk; then the connection is cut
    server.enqueue(
            FakeReply.stream("The lighthouse keeper ", "climbed").reasoning("first; ").cutAfter(3))
        .enqueue(
            FakeReply.stream("lighthouse keeper ", "climbed the stairs.").reasoning("second."));
    LlmStream s = runtime.bind(CallSite.of("Solver.solve", "openai", "m").resumeStream(true))
        .stream(null, "Tell a story about a lighthouse keeper");
    List<StreamEvent> events = s.events().collect(Collectors.toList());
    assertEquals(List.of(
        new StreamEvent.Reasoning("first; "), new StreamEvent.Text("The lighthouse keeper "),
        new StreamEvent.Reasoning("second."), new StreamEvent.Text("climbed the stairs.")), events);
    assertEquals("The lighthouse keeper climbed the stairs.", s.response().text());
    assertEquals("first; second.", s.response().reasoning());
    assertEquals(2, s.response().attempts());
  }

  @Test
  void anOptedInStreamIsNotResumedFromReasoningAlone() {
    server.enqueue(FakeReply.stream("never").reasoning("Let me ", "think.").cutAfter(3))
        .enqueue(FakeReply.stream("a second attempt"));
    LlmStream s = runtime.bind(CallSite.of("Solver.solve", "openai", "m").resumeStream(true))
        .stream(null, "x");
    LlmException e = assertThrows(LlmException.class, () -> s.text().forEach(chunk -> { }));
    assertFalse(e.partialText().isPresent());
    assertTrue(e.detail().contains("before any text"), e.detail());
    assertEquals(1, server.requestCount());
  }
}
