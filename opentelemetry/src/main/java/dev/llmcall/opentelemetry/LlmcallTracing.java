package dev.llmcall.opentelemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CallContextPropagator;
import dev.llmcall.runtime.CallEvent;
import dev.llmcall.runtime.CallEventListener;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.Usage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * OpenTelemetry tracing for every call of an {@link LlmRuntime}: one span per call, named {@code
 * chat {model}}, of kind CLIENT, a child of whatever span was current where the call was made, with
 * the GenAI semantic conventions' attributes and an event per attempt; and the W3C trace context
 * ({@code traceparent}) of that span on every attempt's request, async retries included. Install
 * it on the builder in one line:
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmcallTracing.create(openTelemetry)
 *     .installOn(LlmRuntime.builder().environment(System.getenv()))
 *     .build();
 * }</pre>
 *
 * Prompts and answers are not recorded unless {@link Builder#recordContent(boolean)} says so.
 * It is a {@link CallContextPropagator} (it starts the span where the call starts and makes it
 * current around every attempt) and a {@link CallEventListener} (it fills the span in); {@link
 * #installOn} registers it as both.
 */
public final class LlmcallTracing implements CallContextPropagator, CallEventListener {
  static final String INSTRUMENTATION = "dev.llmcall";

  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> SYSTEM_INSTRUCTIONS =
      AttributeKey.stringKey("gen_ai.system_instructions");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("llmcall.method");
  static final AttributeKey<String> CLIENT_REQUEST_ID = AttributeKey.stringKey("llmcall.client_request_id");
  static final AttributeKey<String> BREAKER = AttributeKey.stringKey("llmcall.circuit_breaker");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("llmcall.attempts");
  static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("llmcall.attempt.number");
  static final AttributeKey<Double> ATTEMPT_DURATION = AttributeKey.doubleKey("llmcall.attempt.duration");
  static final AttributeKey<Double> WAIT = AttributeKey.doubleKey("llmcall.wait.duration");
  static final AttributeKey<String> WAIT_SOURCE = AttributeKey.stringKey("llmcall.wait.source");
  static final AttributeKey<Double> TIME_TO_FIRST_TOKEN =
      AttributeKey.doubleKey("llmcall.time_to_first_token");

  static final String ATTEMPT_EVENT = "llmcall.attempt";
  static final String FIRST_TOKEN_EVENT = "llmcall.first_token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean recordContent;
  /** Marks the contexts this instance made: its listener touches only the spans it started. */
  private final ContextKey<Span> callSpan = ContextKey.named("llmcall call span");

  private LlmcallTracing(Builder b) {
    this.tracer = b.openTelemetry.getTracer(INSTRUMENTATION);
    this.propagator = b.openTelemetry.getPropagators().getTextMapPropagator();
    this.recordContent = b.recordContent;
  }

  /** Tracing with {@code openTelemetry}'s tracer and propagators; content is not recorded. */
  public static LlmcallTracing create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /** Registers this as the builder's context propagator and listener; returns the builder. */
  public LlmRuntime.Builder installOn(LlmRuntime.Builder runtime) {
    return runtime.contextPropagator(this).listener(this);
  }

  // ---- The span: started where the call is made, current around every attempt ----

  @Override
  public Captured capture(CallEvent.Started started) {
    CallEvent.Call call = started.call();
    String provider = provider(call.provider());
    Context parent = Context.current();
    Span span = tracer.spanBuilder("chat " + call.model())
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(OPERATION_NAME, "chat")
        .setAttribute(PROVIDER_NAME, provider)
        .setAttribute(SYSTEM, provider)
        .setAttribute(REQUEST_MODEL, call.model())
        .setAttribute(METHOD, call.method())
        .setAttribute(CLIENT_REQUEST_ID, call.clientRequestId())
        .startSpan();
    if (call.circuitBreaker() != null) {
      span.setAttribute(BREAKER, call.circuitBreaker());
    }
    if (recordContent) {
      span.setAttribute(INPUT_MESSAGES, message("user", started.prompt(), null));
      if (started.system() != null) {
        ArrayNode parts = JSON.createArrayNode();
        parts.addObject().put("type", "text").put("content", started.system());
        span.setAttribute(SYSTEM_INSTRUCTIONS, parts.toString());
      }
    }
    Context context = parent.with(span).with(callSpan, span);
    return new Captured() {
      @Override
      public Scope makeCurrent() {
        return context.makeCurrent()::close;
      }

      @Override
      public void addHeaders(BiConsumer<String, String> header) {
        propagator.inject(context, header, BiConsumer::accept);
      }
    };
  }

  // ---- What the call did: events on the span, and its end ----

  @Override
  public void onAttemptEnded(CallEvent.AttemptEnded e) {
    Span span = Context.current().get(callSpan);
    if (span == null) {
      return;
    }
    Attempt a = e.attempt();
    AttributesBuilder attributes = Attributes.builder()
        .put(ATTEMPT_NUMBER, a.number())
        .put(ATTEMPT_DURATION, seconds(a.duration().toNanos()))
        // the target of this attempt: the call's own, or another of its fallback chain
        .put(PROVIDER_NAME, e.provider())
        .put(REQUEST_MODEL, e.model());
    if (a.httpStatus() != 0) {
      attributes.put(HTTP_STATUS, a.httpStatus());
    }
    if (!a.succeeded()) {
      attributes.put(ERROR_TYPE, lower(a.failure()));
    }
    if (a.waitSource() != Attempt.WaitSource.NONE) {
      attributes.put(WAIT, seconds(a.waitAfter().toNanos())).put(WAIT_SOURCE, lower(a.waitSource()));
    }
    span.addEvent(ATTEMPT_EVENT, attributes.build());
  }

  @Override
  public void onFirstToken(CallEvent.FirstToken e) {
    Span span = Context.current().get(callSpan);
    if (span != null) {
      span.addEvent(FIRST_TOKEN_EVENT, Attributes.of(ATTEMPT_NUMBER, (long) e.attempt(),
          TIME_TO_FIRST_TOKEN, seconds(e.sinceCallStart().toNanos())));
    }
  }

  @Override
  public void onCallEnded(CallEvent.Ended e) {
    Span span = Context.current().get(callSpan);
    if (span == null) {
      return;
    }
    span.setAttribute(ATTEMPTS, e.attempts());
    Usage usage = e.usage();
    if (!usage.equals(Usage.NONE)) {
      span.setAttribute(INPUT_TOKENS, usage.inputTokens());
      span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
    }
    LlmResponse<?> response = e.response();
    if (response != null) {
      span.setAttribute(RESPONSE_MODEL, response.model());
      span.setAttribute(FINISH_REASONS, List.of(lower(response.finishReason())));
      if (recordContent) {
        span.setAttribute(OUTPUT_MESSAGES,
            message("assistant", response.text(), lower(response.finishReason())));
      }
    } else {
      String type = e.failure() == null ? "cancelled"
          : e.failure().circuitOpen() ? "circuit_open" : lower(e.failure().category());
      span.setAttribute(ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR, e.failure() == null ? "cancelled" : e.failure().getMessage());
    }
    span.end();
  }

  /** One message as the conventions' {@code gen_ai.input/output.messages} JSON. */
  private static String message(String role, String text, String finishReason) {
    ArrayNode messages = JSON.createArrayNode();
    ObjectNode message = messages.addObject().put("role", role);
    message.putArray("parts").addObject().put("type", "text").put("content", text);
    if (finishReason != null) {
      message.put("finish_reason", finishReason);
    }
    return messages.toString();
  }

  private static String provider(String llmcallName) {
    return "xai".equals(llmcallName) ? "x_ai" : llmcallName;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Builds an {@link LlmcallTracing}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean recordContent;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    }

    /**
     * Whether the prompts and the answer are recorded on the span ({@code
     * gen_ai.system_instructions}, {@code gen_ai.input.messages}, {@code gen_ai.output.messages});
     * off unless set, since they may hold personal data.
     */
    public Builder recordContent(boolean on) {
      this.recordContent = on;
      return this;
    }

    public LlmcallTracing build() {
      return new LlmcallTracing(this);
    }
  }
}
