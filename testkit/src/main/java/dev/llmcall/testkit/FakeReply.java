package dev.llmcall.testkit;

import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One scripted answer of a {@link FakeLlmServer}: a success, a streamed success (server-sent events), a
 * provider error or a dropped connection, rendered in the wire format (OpenAI or Anthropic) of the
 * endpoint the request hit. Immutable: every {@code with}-style method returns a new instance.
 *
 * <pre>{@code
 * FakeReply.text("Paris").usage(12, 1).finishReason("length");
 * FakeReply.status(429).header("retry-after", "2");
 * FakeReply.error(400, "context_length_exceeded", "Too long");
 * FakeReply.text("late").delay(Duration.ofSeconds(5));
 * FakeReply.stream("Hel", "lo").chunkDelay(Duration.ofMillis(50)).cutAfter(3);
 * FakeReply.text("4").reasoning("2 and 2 ", "make 4.");
 * FakeReply.stream("Paris").thinking(ThinkingBlock.of("The capital.", "sig"), ThinkingBlock.redacted("x"));
 * FakeReply.toolCall("call_1", "forecast", "{\"city\":\"Paris\"}");   // then a text reply
 * FakeReply.stream("Let me look. ").withToolCall("call_1", "forecast", "{}");
 * }</pre>
 *
 * <p>Methods that make no sense for a kind of reply (say, {@code usage} on an error) throw
 * {@link IllegalStateException}, so a mistaken script fails where it is written. So does giving a stream
 * a second one of {@code cutAfter}, {@code errorAfter} and {@code stallAfter}; negative event counts
 * and durations throw {@link IllegalArgumentException}.
 */
public final class FakeReply {

  /** What the reply does. */
  enum Kind {
    SUCCESS,
    ERROR,
    DROP,
    STREAM
  }

  private final Kind kind;
  private final int status;
  private final String text;
  private final String refusal;
  private final Integer inputTokens;
  private final Integer outputTokens;
  private final String finishReason;
  private final String model;
  private final String requestId;
  private final String errorCode;
  private final String errorMessage;
  private final String rawBody;
  private final List<Map.Entry<String, String>> headers;
  private final String contentType;
  private final Duration delay;
  private final StreamScript stream;
  private final ScriptedReasoning reasoning;
  private final List<ToolCall> toolCalls;

  private FakeReply(Builder b) {
    this.kind = b.kind;
    this.status = b.status;
    this.text = b.text;
    this.refusal = b.refusal;
    this.inputTokens = b.inputTokens;
    this.outputTokens = b.outputTokens;
    this.finishReason = b.finishReason;
    this.model = b.model;
    this.requestId = b.requestId;
    this.errorCode = b.errorCode;
    this.errorMessage = b.errorMessage;
    this.rawBody = b.rawBody;
    this.headers = List.copyOf(b.headers);
    this.contentType = b.contentType;
    this.delay = b.delay;
    this.stream = b.stream;
    this.reasoning = b.reasoning;
    this.toolCalls = List.copyOf(b.toolCalls);
  }

  /** A 200 success whose assistant message is {@code text}, in the wire format of the endpoint hit. */
  public static FakeReply text(String text) {
    Builder b = new Builder(Kind.SUCCESS, 200);
    b.text = Objects.requireNonNull(text, "text");
    return new FakeReply(b);
  }

  /**
   * A 200 success in which the model asks for one tool, and says nothing else: OpenAI {@code
   * message.tool_calls}, Anthropic a {@code tool_use} block; streamed to a stream request as the
   * wire streams tool calls. Its finish reason is {@code tool_calls} / {@code tool_use}. Script the
   * model's next answer after it, as the client sends the tool's result back.
   *
   * @param argumentsJson the arguments, JSON object text (anything else is sent as is, to test
   *     what a client does with it)
   */
  public static FakeReply toolCall(String id, String name, String argumentsJson) {
    return text("").withToolCall(id, name, argumentsJson);
  }

  /** {@link #toolCall}, the model asking for several tools at once (parallel tool calls), in order. */
  public static FakeReply toolCalls(ToolCall... calls) {
    FakeReply reply = text("");
    for (ToolCall call : calls) {
      reply = reply.withToolCall(call.id(), call.name(), call.arguments());
    }
    return reply;
  }

  /**
   * This reply, the model also asking for a tool after its text: the text streams first, then the
   * call. Applies to text and stream replies; each call is one more (parallel tool calls).
   */
  public FakeReply withToolCall(String id, String name, String argumentsJson) {
    requireKind("withToolCall", Kind.SUCCESS, Kind.STREAM);
    ToolCall call = new ToolCall(id, name, argumentsJson);
    return with(b -> b.toolCalls.add(call));
  }

  /**
   * An error reply with the provider's default body for {@code status} (for example 401 {@code
   * invalid_api_key} / {@code authentication_error}, 429 {@code rate_limit_exceeded} / {@code
   * rate_limit_error}, 529 {@code overloaded_error}); any status without its own default gets a generic
   * body.
   *
   * @param status an HTTP status from 300 to 599 (a 3xx is there to test that redirects are not
   *     followed)
   */
  public static FakeReply status(int status) {
    return new FakeReply(new Builder(Kind.ERROR, checkErrorStatus(status)));
  }

  /**
   * An error reply with the given code and message. OpenAI body: {@code
   * {"error":{"message":message,"type":<derived from status>,"param":null,"code":code}}}; Anthropic body:
   * {@code {"type":"error","error":{"type":code,"message":message},"request_id":...}}.
   *
   * @param status an HTTP status from 300 to 599
   */
  public static FakeReply error(int status, String code, String message) {
    Builder b = new Builder(Kind.ERROR, checkErrorStatus(status));
    b.errorCode = Objects.requireNonNull(code, "code");
    b.errorMessage = Objects.requireNonNull(message, "message");
    return new FakeReply(b);
  }

  /** Closes the TCP connection without sending any response: the client sees an {@code IOException}. */
  public static FakeReply dropConnection() {
    return new FakeReply(new Builder(Kind.DROP, 0));
  }

  /**
   * A 200 success streamed as server-sent events in the wire format of the endpoint hit, one text delta
   * per chunk, whether or not the request asked for a stream; the event sequences are described on
   * {@link FakeLlmServer}. Chunks may be empty, not null.
   */
  public static FakeReply stream(String... chunks) {
    Objects.requireNonNull(chunks, "chunks");
    List<String> pieces = new ArrayList<>();
    for (String chunk : chunks) {
      pieces.add(Objects.requireNonNull(chunk, "chunk"));
    }
    Builder b = new Builder(Kind.STREAM, 200);
    b.text = String.join("", pieces);
    b.stream = StreamScript.of(pieces);
    b.contentType = "text/event-stream";
    return new FakeReply(b);
  }

  /**
   * Token usage to report. By default the input is the number of whitespace-separated words in all
   * request messages (and the Anthropic {@code system} prompt), the output the number of words in the
   * reply text.
   */
  public FakeReply usage(int inputTokens, int outputTokens) {
    requireKind("usage", Kind.SUCCESS, Kind.STREAM);
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    return with(b -> {
      b.inputTokens = inputTokens;
      b.outputTokens = outputTokens;
    });
  }

  /**
   * The raw provider finish reason, such as {@code "length"} (OpenAI) or {@code "max_tokens"}
   * (Anthropic). Default {@code "stop"} / {@code "end_turn"} ({@code "refusal"} on Anthropic refusals).
   */
  public FakeReply finishReason(String raw) {
    requireKind("finishReason", Kind.SUCCESS, Kind.STREAM);
    Objects.requireNonNull(raw, "raw");
    return with(b -> b.finishReason = raw);
  }

  /** The model named in the reply; default: the request's {@code model} field. */
  public FakeReply model(String model) {
    requireKind("model", Kind.SUCCESS, Kind.STREAM);
    Objects.requireNonNull(model, "model");
    return with(b -> b.model = model);
  }

  /**
   * The request id, sent as header {@code x-request-id} (OpenAI) or {@code request-id} (Anthropic); a
   * success body's {@code id} is {@code "chatcmpl-" + id} or {@code "msg_" + id}. Default {@code
   * "req_fake_" + n}, where n counts the server's requests from 1.
   */
  public FakeReply requestId(String id) {
    requireKind("requestId", Kind.SUCCESS, Kind.ERROR, Kind.STREAM);
    Objects.requireNonNull(id, "id");
    return with(b -> b.requestId = id);
  }

  /**
   * Turns the success into a refusal. OpenAI: {@code message.refusal} is set and {@code content} is null;
   * Anthropic: {@code stop_reason} is {@code "refusal"} and the text block carries {@code refusalText}.
   * Streamed, {@code refusalText} replaces the chunks and goes out word by word: as {@code
   * delta.refusal} pieces (OpenAI) or text deltas (Anthropic).
   */
  public FakeReply refusal(String refusalText) {
    requireKind("refusal", Kind.SUCCESS, Kind.STREAM);
    Objects.requireNonNull(refusalText, "refusalText");
    return with(b -> b.refusal = refusalText);
  }

  /**
   * Reasoning beside the text, as a reasoning model's thinking, never part of the text.
   * OpenAI-compatible: {@code message.reasoning_content}, streamed as one {@code
   * delta.reasoning_content} chunk per piece after the role chunk, before the text. Anthropic: one
   * {@code thinking} block with the pieces' text, signed {@code "fake-signature"}, before the text
   * block; streamed as its {@code content_block_start} (index 0), one {@code thinking_delta} per
   * piece, a {@code signature_delta} and {@code content_block_stop}, the text block then at index 1.
   * Use this or {@link #thinking}, not both.
   */
  public FakeReply reasoning(String... pieces) {
    requireKind("reasoning", Kind.SUCCESS, Kind.STREAM);
    List<String> list = new ArrayList<>();
    for (String piece : Objects.requireNonNull(pieces, "pieces")) {
      list.add(Objects.requireNonNull(piece, "piece"));
    }
    return withReasoning("reasoning", new ScriptedReasoning(list, List.of()));
  }

  /**
   * Anthropic thinking blocks, sent exactly and in order before the text: {@code thinking} blocks
   * with their text and signature, {@code redacted_thinking} blocks with their data. Streamed, a
   * readable block goes out as {@code content_block_start}, one {@code thinking_delta} per word, a
   * {@code signature_delta} (when it has a signature) and {@code content_block_stop}; a redacted
   * block as its start (with the data) and stop; the text block follows them. On an
   * OpenAI-compatible endpoint the readable blocks' text, a blank line between two, is the {@code
   * reasoning_content}. Use this or {@link #reasoning}, not both.
   */
  public FakeReply thinking(ThinkingBlock... blocks) {
    requireKind("thinking", Kind.SUCCESS, Kind.STREAM);
    List<ThinkingBlock> list = new ArrayList<>();
    for (ThinkingBlock block : Objects.requireNonNull(blocks, "blocks")) {
      list.add(Objects.requireNonNull(block, "block"));
    }
    return withReasoning("thinking", new ScriptedReasoning(List.of(), list));
  }

  /** Replaces the generated body verbatim: HTML, truncated JSON, an empty string, anything. */
  public FakeReply body(String rawBody) {
    requireKind("body", Kind.SUCCESS, Kind.ERROR);
    Objects.requireNonNull(rawBody, "rawBody");
    return with(b -> b.rawBody = rawBody);
  }

  /**
   * Adds a response header, such as {@code retry-after}, {@code retry-after-ms} or {@code
   * x-should-retry}. Repeating a name sends several values; for the content type use {@link
   * #contentType}.
   */
  public FakeReply header(String name, String value) {
    requireKind("header", Kind.SUCCESS, Kind.ERROR, Kind.STREAM);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isBlank()) {
      throw new IllegalArgumentException("header name must not be blank");
    }
    return with(b -> b.headers.add(Map.entry(name, value)));
  }

  /**
   * The {@code Content-Type} header; default {@code application/json}, {@code text/event-stream} for a
   * {@link #stream} (a text reply streamed to a stream request always says {@code text/event-stream}).
   */
  public FakeReply contentType(String contentType) {
    requireKind("contentType", Kind.SUCCESS, Kind.ERROR, Kind.STREAM);
    Objects.requireNonNull(contentType, "contentType");
    return with(b -> b.contentType = contentType);
  }

  /** Waits this long before sending the response headers (or before dropping the connection). */
  public FakeReply delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return with(b -> b.delay = delay);
  }

  /**
   * Waits this long before each event of the stream after the first (and before a scripted cut or
   * in-band error, which take the place of the next event).
   */
  public FakeReply chunkDelay(Duration delay) {
    return withStream("chunkDelay", script -> script.withChunkDelay(delay));
  }

  /**
   * After {@code events} events (every event counts, Anthropic's {@code ping} and OpenAI's {@code [DONE]}
   * too), closes the connection abruptly: no terminal event and no end of the chunked body, so the
   * client sees an {@code IOException}. {@code cutAfter(0)} sends the 200 headers only.
   */
  public FakeReply cutAfter(int events) {
    return withStream("cutAfter", script -> script.withFault(StreamScript.Fault.CUT, events, null, null));
  }

  /**
   * After {@code events} server-sent events, sends an in-band error event and ends the response
   * normally. Anthropic: {@code event: error} with {@code {"type":"error","error":{"type":type,
   * "message":message}}}; OpenAI: {@code data: {"error":{"message":message,"type":type,"code":null}}}.
   *
   * @param type the error type, such as {@code "overloaded_error"} or {@code "server_error"}
   * @param message the error message
   */
  public FakeReply errorAfter(int events, String type, String message) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    return withStream("errorAfter",
        script -> script.withFault(StreamScript.Fault.ERROR, events, type, message));
  }

  /**
   * After {@code events} server-sent events, sends nothing more (only {@link #keepAlive} comments, if
   * set) and holds the connection open until the server closes or, when a keep-alive write fails, the
   * client has gone away. Without keep-alives the server cannot notice the client leaving.
   */
  public FakeReply stallAfter(int events) {
    return withStream("stallAfter", script -> script.withFault(StreamScript.Fault.STALL, events, null, null));
  }

  /**
   * While stalled or waiting out a {@link #chunkDelay}, sends an SSE comment {@code ": keep-alive"}
   * (followed by a blank line) every {@code every}; comments are not events and are not counted.
   *
   * @throws IllegalArgumentException when {@code every} is zero or negative
   */
  public FakeReply keepAlive(Duration every) {
    return withStream("keepAlive", script -> script.withKeepAlive(every));
  }

  /** Whether each event carries an {@code id: n} line, n counting the stream's events from 1; default off. */
  public FakeReply eventIds(boolean on) {
    return withStream("eventIds", script -> script.withEventIds(on));
  }

  @Override
  public String toString() {
    return describe() + (toolCalls.isEmpty() ? "" : ".withToolCalls(" + toolCalls + ")");
  }

  private String describe() {
    return switch (kind) {
      case SUCCESS -> "FakeReply.text(" + (refusal != null ? "refusal: " + refusal : text) + ")";
      case ERROR -> "FakeReply.status(" + status + (errorCode != null ? ", " + errorCode : "") + ")";
      case DROP -> "FakeReply.dropConnection()";
      case STREAM -> "FakeReply.stream(" + (refusal != null ? "refusal: " + refusal
          : String.join("|", stream.chunks())) + ")"
          + (stream.fault() == StreamScript.Fault.NONE ? "" : "." + stream.describeFault());
    };
  }

  Kind kind() {
    return kind;
  }

  int httpStatus() {
    return status;
  }

  String text() {
    return text;
  }

  String refusalText() {
    return refusal;
  }

  Integer inputTokens() {
    return inputTokens;
  }

  Integer outputTokens() {
    return outputTokens;
  }

  String finishReason() {
    return finishReason;
  }

  String model() {
    return model;
  }

  String requestId() {
    return requestId;
  }

  String errorCode() {
    return errorCode;
  }

  String errorMessage() {
    return errorMessage;
  }

  String rawBody() {
    return rawBody;
  }

  List<Map.Entry<String, String>> headers() {
    return headers;
  }

  String contentType() {
    return contentType;
  }

  Duration delay() {
    return delay;
  }

  /** What the reply says beside its text; {@link ScriptedReasoning#NONE} when nothing. */
  ScriptedReasoning reasoning() {
    return reasoning;
  }

  /** The tools the model asks for, in order; empty for none. */
  List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** How a {@link Kind#STREAM} reply is written; null for other kinds. */
  StreamScript streamScript() {
    return stream;
  }

  private FakeReply with(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return new FakeReply(b);
  }

  private FakeReply withStream(String method, UnaryOperator<StreamScript> change) {
    requireKind(method, Kind.STREAM);
    StreamScript changed = change.apply(stream);
    return with(b -> b.stream = changed);
  }

  private FakeReply withReasoning(String method, ScriptedReasoning scripted) {
    if (!reasoning.isEmpty()) {
      throw new IllegalStateException(method + "(...): " + this
          + " already has its reasoning; use one of reasoning and thinking, once");
    }
    return with(b -> b.reasoning = scripted);
  }

  private void requireKind(String method, Kind... allowed) {
    for (Kind k : allowed) {
      if (k == kind) {
        return;
      }
    }
    throw new IllegalStateException(method + "(...) does not apply to " + this);
  }

  private static int checkErrorStatus(int status) {
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("error status must be 300..599, was " + status);
    }
    return status;
  }

  /** Mutable scratch copy used only while deriving a new instance. */
  private static final class Builder {
    Kind kind;
    int status;
    String text;
    String refusal;
    Integer inputTokens;
    Integer outputTokens;
    String finishReason;
    String model;
    String requestId;
    String errorCode;
    String errorMessage;
    String rawBody;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String contentType = "application/json";
    Duration delay = Duration.ZERO;
    StreamScript stream;
    ScriptedReasoning reasoning = ScriptedReasoning.NONE;
    List<ToolCall> toolCalls = new ArrayList<>();

    Builder(Kind kind, int status) {
      this.kind = kind;
      this.status = status;
    }

    Builder(FakeReply r) {
      kind = r.kind;
      status = r.status;
      text = r.text;
      refusal = r.refusal;
      inputTokens = r.inputTokens;
      outputTokens = r.outputTokens;
      finishReason = r.finishReason;
      model = r.model;
      requestId = r.requestId;
      errorCode = r.errorCode;
      errorMessage = r.errorMessage;
      rawBody = r.rawBody;
      headers = new ArrayList<>(r.headers);
      contentType = r.contentType;
      delay = r.delay;
      stream = r.stream;
      reasoning = r.reasoning;
      toolCalls = new ArrayList<>(r.toolCalls);
    }
  }
}
