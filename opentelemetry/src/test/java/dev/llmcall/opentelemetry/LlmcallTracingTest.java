package dev.llmcall.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreakerConfig;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.StreamTimeouts;
import dev.llmcall.runtime.Target;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.RecordedRequest;
import dev.llmcall.testkit.VirtualScheduler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans and trace context of real calls against the fake provider, read from the SDK's in-memory
 * exporter (#14).
 */
class LlmcallTracingTest {
  private static final String MODEL = "gpt-4o-mini";
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracerProvider;
  private OpenTelemetrySdk otel;
  private FakeLlmServer server;
  private VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    server = FakeLlmServer.start();
    time = new VirtualScheduler();
    runtime = runtime(LlmcallTracing.create(otel));
  }

  private LlmRuntime runtime(LlmcallTracing tracing) {
    return tracing.installOn(LlmRuntime.builder()
            .provider(ProviderConfig.openAi("sk-tracing").withBaseUrl(server.openAiBaseUrl()))
            .scheduler(time)
            .streamTimeouts(new StreamTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(5)))
            .circuitBreaker("openai", CircuitBreakerConfig.builder().failureThreshold(1).build()))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
    tracerProvider.close();
  }

  private BoundCall call(String policy) {
    return runtime.bind(CallSite.of("Assistant.ask", "openai", MODEL).retryPolicy(policy));
  }

  private SpanData onlyCallSpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("chat " + MODEL)).toList();
    assertEquals(1, spans.size(), exporter.getFinishedSpanItems().toString());
    return spans.get(0);
  }

  private static List<EventData> events(SpanData span, String name) {
    return span.getEvents().stream().filter(e -> e.getName().equals(name)).toList();
  }

  private void assertEveryAttemptCarries(SpanData span) {
    String expected = "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
        + span.getSpanContext().getTraceFlags().asHex();
    List<RecordedRequest> requests = server.requests();
    assertFalse(requests.isEmpty());
    for (RecordedRequest r : requests) {
      assertEquals(expected, r.header("traceparent"), "every attempt, retries included");
    }
  }

  @Test
  void aCallIsAClientSpanWithTheGenAiAttributesAndAnEventPerAttempt() {
    server.enqueue(FakeReply.status(503))
        .enqueue(FakeReply.text("Paris").usage(12, 1).model("gpt-4o-mini-2024-07-18"));
    assertEquals("Paris", call("default").text(null, "Capital of France?"));

    SpanData span = onlyCallSpan();
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals("chat", span.getAttributes().get(LlmcallTracing.OPERATION_NAME));
    assertEquals("openai", span.getAttributes().get(LlmcallTracing.PROVIDER_NAME));
    assertEquals(MODEL, span.getAttributes().get(LlmcallTracing.REQUEST_MODEL));
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(LlmcallTracing.RESPONSE_MODEL));
    assertEquals(12L, span.getAttributes().get(LlmcallTracing.INPUT_TOKENS));
    assertEquals(1L, span.getAttributes().get(LlmcallTracing.OUTPUT_TOKENS));
    assertEquals(List.of("stop"), span.getAttributes().get(LlmcallTracing.FINISH_REASONS));
    assertEquals(2L, span.getAttributes().get(LlmcallTracing.ATTEMPTS));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    List<EventData> attempts = events(span, LlmcallTracing.ATTEMPT_EVENT);
    assertEquals(2, attempts.size());
    assertEquals("server_error", attempts.get(0).getAttributes().get(LlmcallTracing.ERROR_TYPE));
    assertEquals(503L, attempts.get(0).getAttributes().get(LlmcallTracing.HTTP_STATUS));
    assertEquals("backoff", attempts.get(0).getAttributes().get(LlmcallTracing.WAIT_SOURCE));
    assertNull(attempts.get(1).getAttributes().get(LlmcallTracing.ERROR_TYPE));
    assertEquals(2, server.requestCount());
    assertEveryAttemptCarries(span);
    assertNull(span.getAttributes().get(LlmcallTracing.OUTPUT_MESSAGES), "content is opt-in");
    assertNull(span.getAttributes().get(LlmcallTracing.INPUT_MESSAGES), "content is opt-in");
  }

  @Test
  void eachAttemptEventNamesTheTargetItWentTo() {
    runtime.close();
    runtime = LlmcallTracing.create(otel).installOn(LlmRuntime.builder()
            .provider(ProviderConfig.openAi("sk-tracing").withBaseUrl(server.openAiBaseUrl()))
            .provider(ProviderConfig.anthropic("sk-tracing").withBaseUrl(server.anthropicBaseUrl()))
            .scheduler(time))
        .build();
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("Paris"));
    BoundCall chain = runtime.bind(CallSite.of("Assistant.ask", "openai", MODEL).retryPolicy("none")
        .fallback(CallSite.Fallback.of("ask", Target.of("anthropic", "claude-sonnet-4-5"))));
    assertEquals("Paris", chain.text(null, "Capital of France?"));

    List<EventData> attempts = events(onlyCallSpan(), LlmcallTracing.ATTEMPT_EVENT);
    assertEquals(List.of("openai", "anthropic"), attempts.stream()
        .map(a -> a.getAttributes().get(LlmcallTracing.PROVIDER_NAME)).toList());
    assertEquals(MODEL, attempts.get(0).getAttributes().get(LlmcallTracing.REQUEST_MODEL));
    assertEquals("claude-sonnet-4-5", attempts.get(1).getAttributes().get(LlmcallTracing.REQUEST_MODEL));
  }

  @Test
  void anAsyncCallWithARetryStaysInTheCallersTrace() throws Exception {
    server.enqueue(FakeReply.status(429).header("retry-after-ms", "300")).enqueue(FakeReply.text("ok"));
    Span caller = otel.getTracer("test").spanBuilder("handle request").startSpan();
    CompletableFuture<String> f;
    try (Scope ignored = caller.makeCurrent()) {
      f = call("default").textAsync(null, "hi");
    }
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      while (!f.isDone()) {
        time.advance(Duration.ofMillis(100));
        Thread.sleep(5);
      }
    });
    assertEquals("ok", f.get());
    caller.end();

    SpanData span = onlyCallSpan();
    assertEquals(caller.getSpanContext().getTraceId(), span.getTraceId());
    assertEquals(caller.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(2, server.requestCount());
    assertEveryAttemptCarries(span); // the retry ran on a timer's and the HTTP client's threads
    List<EventData> attempts = events(span, LlmcallTracing.ATTEMPT_EVENT);
    assertEquals("retry_after", attempts.get(0).getAttributes().get(LlmcallTracing.WAIT_SOURCE));
    assertEquals(0.3, attempts.get(0).getAttributes().get(LlmcallTracing.WAIT), 1e-9);
  }

  @Test
  void aStreamTellsItsFirstTokenAndRecordsContentOnlyWhenAsked() {
    runtime.close();
    runtime = runtime(LlmcallTracing.builder(otel).recordContent(true).build());
    server.enqueue(FakeReply.stream("Hel", "lo").usage(5, 2));
    assertEquals("Hello", call("none").textStream("Be brief.", "greet").reduce("", String::concat));

    SpanData span = onlyCallSpan();
    assertEquals(1, events(span, LlmcallTracing.FIRST_TOKEN_EVENT).size());
    assertEquals(2L, span.getAttributes().get(LlmcallTracing.OUTPUT_TOKENS));
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}],"
        + "\"finish_reason\":\"stop\"}]", span.getAttributes().get(LlmcallTracing.OUTPUT_MESSAGES));
    assertEquals("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"greet\"}]}]",
        span.getAttributes().get(LlmcallTracing.INPUT_MESSAGES));
    assertEquals("[{\"type\":\"text\",\"content\":\"Be brief.\"}]",
        span.getAttributes().get(LlmcallTracing.SYSTEM_INSTRUCTIONS));
    assertEveryAttemptCarries(span);
  }

  @Test
  void aCallRejectedByAnOpenBreakerIsAnErrorSpanWithoutAttempts() {
    server.enqueue(FakeReply.status(503));
    BoundCall guarded = runtime.bind(CallSite.of("Assistant.ask", "openai", MODEL)
        .retryPolicy("none").circuitBreaker("openai"));
    assertThrows(LlmException.class, () -> guarded.text(null, "opens it"));
    exporter.reset();
    LlmException e = assertThrows(LlmException.class, () -> guarded.text(null, "rejected"));
    assertTrue(e.circuitOpen());

    SpanData span = onlyCallSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("circuit_open", span.getAttributes().get(LlmcallTracing.ERROR_TYPE));
    assertEquals("openai", span.getAttributes().get(LlmcallTracing.BREAKER));
    assertEquals(0L, span.getAttributes().get(LlmcallTracing.ATTEMPTS));
    assertTrue(events(span, LlmcallTracing.ATTEMPT_EVENT).isEmpty());
    assertEquals(1, server.requestCount(), "nothing sent");
  }
}
