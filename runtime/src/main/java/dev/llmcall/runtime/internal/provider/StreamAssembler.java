package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.llmcall.runtime.internal.failure.Classification;

/**
 * Turns one provider's server-sent events into text deltas and, at the end, what the stream said
 * about itself (model, finish reason, usage). One per attempt; not thread-safe. Internal: not part
 * of the API.
 */
public abstract class StreamAssembler {
  /** A failure carried by the stream itself: an in-band error event or a refusal. */
  public static final class StreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Classification classification;

    public StreamFailure(Classification classification) {
      super(classification.detail(), null, false, false);
      this.classification = classification;
    }

    public Classification classification() {
      return classification;
    }
  }

  protected String model = "";
  protected String rawFinish;
  /** Token counts as reported; -1 until the stream reports one. */
  protected int inputTokens = -1;
  protected int outputTokens = -1;
  /** Prompt tokens a provider reports beside its input count (Anthropic's cache reads and writes). */
  protected int moreInputTokens;
  protected int cachedInputTokens;
  protected int reasoningTokens;
  protected boolean done;
  protected boolean toolCall;
  /** Whether content arrived: text, a refusal, reasoning or a tool-call fragment. */
  protected boolean content;
  protected final StringBuilder refusal = new StringBuilder();
  /** The reasoning received, made on its first piece; and the piece of the last event. */
  private StringBuilder reasoning;
  private String reasoningDelta;
  /** The tool calls asked for, assembled from their fragments. */
  final ToolCallParts toolCalls = new ToolCallParts();


  /**
   * Applies one event and returns the text it carried, or {@code null} if none.
   *
   * @throws StreamFailure for an error event inside the stream
   */
  public abstract String onEvent(String type, byte[] data, int length);

  /** {@link #onEvent(String, byte[], int)} for an event's data as a string. */
  public final String onEvent(String type, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    return onEvent(type, bytes, bytes.length);
  }

  /** Whether the stream's terminal event arrived. */
  public final boolean done() {
    return done;
  }

  /**
   * Whether the answer is complete even without its terminal event: the model said why it
   * stopped (every choice of an OpenAI stream has a {@code finish_reason}, an Anthropic
   * {@code message_delta} has its {@code stop_reason}). A connection that ends then has lost
   * nothing but the terminator, and the usage if it had not come yet.
   */
  public final boolean finished() {
    return done || rawFinish != null;
  }

  /**
   * Whether content arrived (text, a refusal, reasoning, a tool-call fragment): after that, a
   * failure is no longer retried from scratch. Pings, comments and {@code message_start} are not
   * content.
   */
  public final boolean content() {
    return content;
  }

  /** The usage the stream reported so far, or {@code null} if none. */
  public final Usage usage() {
    return inputTokens < 0 && outputTokens < 0 ? null
        : new Usage(Math.max(0, inputTokens) + moreInputTokens, Math.max(0, outputTokens),
            cachedInputTokens, reasoningTokens);
  }

  /** The refusal text received, or {@code null}. */
  public final String refusal() {
    return refusal.length() == 0 ? null : refusal.toString();
  }

  /** Whether a tool call started: such a stream is never continued as prose. */
  public final boolean toolCall() {
    return toolCall;
  }

  /** The stream's own account of itself, with the full text. */
  public final Completion completion(String text) {
    Usage usage = usage();
    return new Completion(text, model, FinishReason.fromProvider(rawFinish),
        usage == null ? Usage.NONE : usage, refusal(), reasoning(), toolCalls.calls(), thinking());
  }

  /** Notes a piece of reasoning of the event being applied: content, never text. */
  protected final void reasoning(String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    if (reasoning == null) {
      reasoning = new StringBuilder();
    }
    reasoning.append(piece);
    reasoningDelta = reasoningDelta == null ? piece : reasoningDelta + piece;
    content = true;
  }

  /**
   * The reasoning the last event carried, or {@code null}, handed out once: read it after each
   * {@link #onEvent}, beside the text it returned.
   */
  public final String takeReasoning() {
    String piece = reasoningDelta;
    reasoningDelta = null;
    return piece;
  }

  /** The reasoning received so far, or {@code null} if none. */
  public final String reasoning() {
    return reasoning == null ? null : reasoning.toString();
  }

  /** The thinking blocks received, in order (Anthropic's); empty for other wires. */
  protected List<ThinkingBlock> thinking() {
    return List.of();
  }

  static StreamFailure unreadable(byte[] data, int length) {
    return unreadable(new String(data, 0, length, StandardCharsets.UTF_8));
  }

  static StreamFailure unreadable(String data) {
    return new StreamFailure(new Classification(ErrorCategory.NETWORK, true, null,
        "unreadable stream event: " + (data.length() > 120 ? data.substring(0, 120) + "\u2026" : data),
        null));
  }
}
