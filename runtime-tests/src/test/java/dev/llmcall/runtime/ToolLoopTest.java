package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.Attempt.WaitSource;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.RecordedRequest.ToolResult;
import dev.llmcall.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool loop end to end on both wires and every shape: tools run, their results go back, and
 * no retry, repair or stream retry runs a tool twice (#12). The tools are written by hand against
 * the SPI, as the processor would generate them: a counting forecast tool and a clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ToolLoopTest {
  private static final String PARIS = "{\"city\":\"Paris\"}";
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":"
      + "\"string\"}},\"required\":[\"city\"]}";

  private FakeLlmServer server;
  private LlmRuntime runtime;
  /** How many times the dispatcher ran a tool. */
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-tools").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("k-tools").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  /** What the processor writes for a forecast tool set, by hand: it counts each run. */
  private Tools tools() {
    return Tools.of(List.of(ToolDefinition.of("forecast", "The forecast for a city", SCHEMA),
        ToolDefinition.of("time", "The time", "{\"type\":\"object\"}")), (name, args, v) -> {
          runs.incrementAndGet();
          if (name.equals("time")) {
            return "noon";
          }
          if (!args.path("city").isTextual()) {
            v.add("$.city", "required");
            return null;
          }
          String city = args.get("city").asText();
          if (city.equals("Atlantis")) {
            throw new IllegalStateException("no forecast for Atlantis");
          }
          return "rain in " + city;
        });
  }

  private Request asking(Tools tools) {
    return Request.of("Be brief.", "Umbrella?").tools(tools);
  }

  private BoundCall call(String provider) {
    return runtime.bind(CallSite.of("Advisor.advise", provider, "m"));
  }

  private static ToolResult result(String id, String text) {
    return new ToolResult(id, text, false);
  }

  // ---- Blocking ----

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void theToolRunsAndItsResultGoesBackInTheNextAttempt(String provider) {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS).usage(10, 5))
        .enqueue(FakeReply.text("Take an umbrella.").usage(20, 3));
    LlmResponse<String> r = call(provider).call(asking(tools()));

    assertEquals("Take an umbrella.", r.value());
    assertEquals(1, runs.get());
    assertEquals(2, r.attempts());
    assertEquals(WaitSource.TOOL_ROUND, r.history().get(0).waitSource());
    assertTrue(r.history().get(0).succeeded());
    assertEquals(new Usage(30, 8), r.usage(), "every round's usage");
    assertEquals(FinishReason.STOP, r.finishReason());
    CallMetrics metrics = runtime.metrics().get(0);
    assertEquals(2, metrics.attempts());
    assertEquals(0, metrics.retries(), "a tool round is no retry");
    assertEquals(0, metrics.successesAfterRetry());
    // the turn: the question, the tool round, the answer
    assertEquals(4, r.turn().size());
    assertEquals(ChatMessage.user("Umbrella?"), r.turn().get(0));
    assertEquals(List.of(new ToolCall("call_1", "forecast", PARIS)), r.turn().get(1).toolCalls());
    assertEquals(ChatMessage.toolResult("call_1", "rain in Paris", false), r.turn().get(2));
    assertEquals(ChatMessage.assistant("Take an umbrella."), r.message());

    RecordedRequest first = server.takeRequest();
    assertEquals(List.of("forecast", "time"), first.tools());
    assertEquals(List.of(), first.toolResults());
    RecordedRequest second = server.takeRequest();
    assertEquals(List.of("forecast", "time"), second.tools());
    assertEquals(List.of(new ToolCall("call_1", "forecast", PARIS)), second.toolCalls());
    assertEquals(List.of(result("call_1", "rain in Paris")), second.toolResults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aRetryAfterTheToolRoundResendsTheRecordedResultAndNeverRunsTheToolAgain(String provider) {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("Take an umbrella."));
    String answer = call(provider).text(asking(tools()));

    assertEquals("Take an umbrella.", answer);
    assertEquals(1, runs.get(), "the tool ran once");
    server.takeRequest();
    RecordedRequest failed = server.takeRequest();
    RecordedRequest retried = server.takeRequest();
    assertEquals(List.of(result("call_1", "rain in Paris")), retried.toolResults());
    assertEquals(failed.body(), retried.body(), "the retry sends the same round");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void parallelCallsAllRunAndTheirResultsGoBackInOneRound(String provider) {
    server.enqueue(FakeReply.toolCalls(new ToolCall("call_a", "forecast", PARIS),
            new ToolCall("call_b", "time", "{}")))
        .enqueue(FakeReply.text("Rain at noon."));
    LlmResponse<String> r = call(provider).call(asking(tools()));

    assertEquals("Rain at noon.", r.value());
    assertEquals(2, runs.get());
    assertEquals(2, server.requestCount());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals(List.of(result("call_a", "rain in Paris"), result("call_b", "noon")),
        second.toolResults());
    if (provider.equals("anthropic")) { // both results in one user message, as Anthropic requires
      JsonNode messages = second.json().path("messages");
      assertEquals(3, messages.size());
      assertEquals(2, messages.path(2).path("content").size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aCallWhoseIdWasAnsweredGetsTheRecordedResult(String provider) {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.text("Rain."));
    LlmResponse<String> r = call(provider).call(asking(tools()));

    assertEquals("Rain.", r.value());
    assertEquals(1, runs.get());
    server.takeRequest();
    server.takeRequest();
    assertEquals(List.of(result("call_1", "rain in Paris"), result("call_1", "rain in Paris")),
        server.takeRequest().toolResults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void mistakesGoBackToTheModelAsErrorResults(String provider) {
    server.enqueue(FakeReply.toolCalls(
            new ToolCall("c1", "weather", PARIS),
            new ToolCall("c2", "forecast", "Paris, please"),
            new ToolCall("c3", "forecast", "{\"town\":\"Paris\"}"),
            new ToolCall("c4", "forecast", "{\"city\":\"Atlantis\"}")))
        .enqueue(FakeReply.text("Sorry."));
    assertEquals("Sorry.", call(provider).text(asking(tools())));

    server.takeRequest();
    List<ToolResult> results = server.takeRequest().toolResults();
    boolean anthropic = provider.equals("anthropic"); // OpenAI's tool messages have no error flag
    assertEquals(List.of("c1", "c2", "c3", "c4"), results.stream().map(ToolResult::toolCallId).toList());
    assertTrue(results.stream().allMatch(t -> t.error() == anthropic), results.toString());
    assertEquals("There is no tool named 'weather'. The tools are: forecast, time.",
        results.get(0).content());
    assertTrue(results.get(1).content().contains("must be one JSON object"), results.get(1).content());
    assertTrue(results.get(2).content().contains("- $.city: required"), results.get(2).content());
    assertEquals("no forecast for Atlantis", results.get(3).content());
    assertEquals(2, runs.get(), "the dispatcher saw only the calls it could take");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aToolThatThrowsEndsTheCallWhenTheMethodSaysSo(String provider) {
    server.enqueue(FakeReply.toolCall("c1", "forecast", "{\"city\":\"Atlantis\"}"));
    LlmException e = assertThrows(LlmException.class,
        () -> call(provider).call(asking(tools().failingOnToolError())));

    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(ErrorCategory.UNKNOWN, e.category());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("the tool 'forecast' threw"), e.getMessage());
    assertEquals(1, server.requestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void whenTheRoundsRunOutTheCallFailsAndSaysHowToRaiseThem(String provider) {
    server.enqueue(FakeReply.toolCall("c1", "forecast", PARIS))
        .enqueue(FakeReply.toolCall("c2", "forecast", PARIS))
        .enqueue(FakeReply.toolCall("c3", "forecast", PARIS));
    LlmException e = assertThrows(LlmException.class,
        () -> call(provider).call(asking(tools().maxRounds(2))));

    assertEquals(ErrorCategory.VALIDATION, e.category());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("after 2 tool rounds"), e.getMessage());
    assertTrue(e.getMessage().contains("@LlmCall(maxToolRounds)"), e.getMessage());
    assertEquals(2, runs.get());
    assertEquals(3, server.requestCount());
    assertEquals(3, e.history().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void withoutToolsAToolCallIsTheAnswerAsBefore(String provider) {
    server.enqueue(FakeReply.toolCall("c1", "forecast", PARIS));
    LlmResponse<String> r = call(provider).call(null, "Umbrella?");
    assertEquals(FinishReason.TOOL_CALLS, r.finishReason());
    assertEquals(1, server.requestCount());
    assertEquals(0, runs.get());
  }

  // ---- Async ----

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void asyncRunsTheLoopAndARetryNeverRunsTheToolAgain(String provider) throws Exception {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.dropConnection())
        .enqueue(FakeReply.text("Take an umbrella."));
    LlmResponse<String> r = call(provider).callAsync(asking(tools())).get(20, TimeUnit.SECONDS);

    assertEquals("Take an umbrella.", r.value());
    assertEquals(1, runs.get());
    assertEquals(3, r.attempts());
    assertEquals(4, r.turn().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aToolThatThrowsAnErrorEndsAnAsyncCallInsteadOfLeavingItWaiting(String provider) {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS));
    Tools broken = Tools.of(tools().definitions(), (name, args, v) -> {
      throw new AssertionError("a bug in the tool");
    });
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> call(provider).callAsync(asking(broken)).get(20, TimeUnit.SECONDS));

    LlmException failure = assertInstanceOf(LlmException.class, e.getCause());
    assertInstanceOf(AssertionError.class, failure.getCause());
    assertEquals(ErrorCategory.UNKNOWN, failure.category());
    assertEquals(1, server.requestCount());
  }

  @Test // a blocked monitor ignores interrupts: only a separate thread's timeout ends a regression
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSlowToolInAStreamHoldsNeitherOtherCallsClocksNorAReaderWhoCloses() throws Exception {
    VirtualScheduler time = new VirtualScheduler();
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("k-tools").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(time)
        .streamTimeouts(new StreamTimeouts(
            Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)))
        .build();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tools slow = Tools.of(tools().definitions(), (name, args, v) -> {
      running.countDown();
      release.await();
      return "rain";
    });
    server.enqueue(FakeReply.stream("Let me look. ").withToolCall("c1", "forecast", PARIS));
    BoundCall once = runtime.bind(CallSite.of("Advisor.advise", "openai", "m").retryPolicy("none"));
    LlmStream withTool = once.stream(asking(slow));
    assertTrue(running.await(10, TimeUnit.SECONDS), "the tool started");

    // Another stream whose first token never comes: the sweep must still time it out.
    server.enqueue(FakeReply.stream("never").stallAfter(1).keepAlive(Duration.ofMillis(10)));
    LlmStream stalled = once.stream(null, "other");
    time.advance(Duration.ofSeconds(25));
    LlmException e = assertThrows(LlmException.class, stalled::response);
    assertEquals(ErrorCategory.TIMEOUT, e.category());

    withTool.close(); // returns while the tool still runs
    assertTrue(withTool.state().done());
    release.countDown();
    assertEquals(2, server.requestCount(), "no round after the reader closed");
  }

  // ---- Structured ----

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aRepairAfterAToolRoundSendsTheRecordedResultAgain(String provider) {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.text("{\"name\":\"Ada\"}"))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<StructuredOutputTest.Person> r =
        call(provider).structured(asking(tools()), StructuredOutputTest.PERSON);

    assertEquals(new StructuredOutputTest.Person("Ada", 36), r.value());
    assertEquals(1, runs.get());
    assertEquals(List.of(WaitSource.TOOL_ROUND, WaitSource.REPAIR, WaitSource.NONE),
        r.history().stream().map(Attempt::waitSource).toList());
    server.takeRequest();
    server.takeRequest();
    RecordedRequest repair = server.takeRequest();
    assertEquals(List.of(result("call_1", "rain in Paris")), repair.toolResults());
    List<RecordedRequest.Message> messages = repair.messages();
    assertTrue(messages.get(messages.size() - 1).text().contains("$.age"), messages.toString());
    assertEquals(4, r.turn().size(), "the repair is not part of the turn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void structuredAsyncRunsTheLoopOnce(String provider) throws Exception {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}"));
    LlmResponse<StructuredOutputTest.Person> r = call(provider)
        .structuredAsync(asking(tools()), StructuredOutputTest.PERSON).get(20, TimeUnit.SECONDS);

    assertEquals(new StructuredOutputTest.Person("Ada", 36), r.value());
    assertEquals(1, runs.get());
    assertEquals(List.of(result("call_1", "rain in Paris")), lastRequest().toolResults());
  }

  // ---- Streams ----

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void oneStreamCarriesTheTextBeforeAndAfterTheToolRound(String provider) {
    server.enqueue(FakeReply.stream("Let me ", "check. ").withToolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.stream("Take ", "an umbrella."));
    List<String> chunks = new ArrayList<>();
    LlmResponse<String> r;
    try (LlmStream s = call(provider).stream(asking(tools()))) {
      s.forEach(chunks::add);
      r = s.response();
    }

    assertEquals(List.of("Let me ", "check. ", "Take ", "an umbrella."), chunks,
        "tool-call fragments are never text");
    assertEquals(1, runs.get());
    assertEquals("Take an umbrella.", r.text());
    assertEquals(4, r.turn().size());
    assertEquals("Let me check. ", r.turn().get(1).text());
    assertEquals(List.of(new ToolCall("call_1", "forecast", PARIS)), r.turn().get(1).toolCalls());
    assertEquals(List.of(result("call_1", "rain in Paris")), lastRequest().toolResults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aLaterRoundsStreamCutBeforeContentIsRetriedWithTheRecordedResult(String provider) {
    server.enqueue(FakeReply.stream("Let me check. ").withToolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.stream("Lost").cutAfter(1)) // before any content
        .enqueue(FakeReply.stream("Take an umbrella."));
    List<String> chunks = new ArrayList<>();
    LlmResponse<String> r;
    try (LlmStream s = call(provider).stream(asking(tools()))) {
      s.forEach(chunks::add);
      r = s.response();
    }

    assertEquals(List.of("Let me check. ", "Take an umbrella."), chunks);
    assertEquals(1, runs.get(), "the tool ran once");
    assertEquals(3, r.attempts());
    assertEquals(ErrorCategory.NETWORK, r.history().get(1).failure());
    server.takeRequest();
    RecordedRequest cut = server.takeRequest();
    RecordedRequest retried = server.takeRequest();
    assertEquals(List.of(result("call_1", "rain in Paris")), retried.toolResults());
    assertEquals(cut.body(), retried.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aLaterRoundsStreamIsResumedWithTheRecordedResult(String provider) {
    int cut = provider.equals("openai") ? 2 : 4; // after "Take an "
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.stream("Take an ", "umbrella.").cutAfter(cut))
        .enqueue(FakeReply.stream("umbrella."));
    BoundCall resuming = runtime.bind(CallSite.of("Advisor.advise", provider, "m").resumeStream(true));
    List<String> chunks = new ArrayList<>();
    LlmResponse<String> r;
    try (LlmStream s = resuming.stream(asking(tools()))) {
      s.forEach(chunks::add);
      r = s.response();
    }

    assertEquals("Take an umbrella.", String.join("", chunks));
    assertEquals("Take an umbrella.", r.text());
    assertEquals(1, runs.get(), "the tool ran once");
    RecordedRequest resumed = server.requests().get(2);
    assertEquals(List.of(result("call_1", "rain in Paris")), resumed.toolResults());
    assertTrue(resumed.messages().stream().anyMatch(m -> m.role().equals("assistant")
        && m.text().startsWith("Take an")), resumed.messages().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aStreamIsNeverResumedThroughAPartialToolCall(String provider) {
    // cut inside the tool call's arguments: after its first piece
    int cut = provider.equals("openai") ? 4 : 7;
    server.enqueue(FakeReply.stream("Let me check. ").withToolCall("call_1", "forecast", PARIS)
        .cutAfter(cut));
    BoundCall resuming = runtime.bind(CallSite.of("Advisor.advise", provider, "m").resumeStream(true));
    List<String> chunks = new ArrayList<>();
    LlmException e;
    try (LlmStream s = resuming.stream(asking(tools()))) {
      e = assertThrows(LlmException.class, () -> s.forEach(chunks::add));
    }

    assertEquals(List.of("Let me check. "), chunks);
    assertTrue(e.getMessage().contains("a stream is never resumed through a tool call"), e.getMessage());
    assertEquals("Let me check. ", e.partialText().orElseThrow());
    assertEquals(0, runs.get());
    assertEquals(1, server.requestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aPublisherRunsTheLoopAndARetryNeverRunsTheToolAgain(String provider) throws Exception {
    server.enqueue(FakeReply.toolCall("call_1", "forecast", PARIS))
        .enqueue(FakeReply.status(503))
        .enqueue(FakeReply.stream("Take ", "an umbrella."));
    PublisherTest.Recorder r = new PublisherTest.Recorder(Long.MAX_VALUE);
    call(provider).publisher(asking(tools())).subscribe(r);

    assertEquals(null, r.end.get(20, TimeUnit.SECONDS));
    synchronized (r) {
      assertEquals(List.of("Take ", "an umbrella."), r.chunks);
    }
    assertEquals(1, runs.get());
    assertEquals(List.of(result("call_1", "rain in Paris")), lastRequest().toolResults());
  }

  private RecordedRequest lastRequest() {
    List<RecordedRequest> all = server.requests();
    return all.get(all.size() - 1);
  }
}
