package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Usage;

/**
 * Turns one provider's server-sent events into text deltas and, at the end, what the stream said
 * about itself (model, finish reason, usage). One per attempt; not thread-safe. Internal: not part
 * of the API.
 */
abstract class StreamAssembler {
  /** A failure carried by the stream itself: an in-band error event or a refusal. */
  static final class StreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Classification classification;

    StreamFailure(Classification classification) {
      super(classification.detail(), null, false, false);
      this.classification = classification;
    }

    Classification classification() {
      return classification;
    }
  }

  protected String model = "";
  protected String rawFinish;
  protected int inputTokens;
  protected int outputTokens;
  protected boolean done;
  protected boolean toolCall;
  protected final StringBuilder refusal = new StringBuilder();

  static StreamAssembler of(ProviderConfig.Wire wire) {
    return wire == ProviderConfig.Wire.ANTHROPIC_MESSAGES
        ? new AnthropicStreamAssembler() : new OpenAiStreamAssembler();
  }

  /**
   * Applies one event and returns the text it carried, or {@code null} if none.
   *
   * @throws StreamFailure for an error event inside the stream
   */
  abstract String onEvent(String type, String data);

  /** Whether the stream's terminal event arrived. */
  final boolean done() {
    return done;
  }

  /** Whether a tool call started: such a stream is never continued as prose. */
  final boolean toolCall() {
    return toolCall;
  }

  /**
   * What ended a stream that reached its terminal event but is still a failure (a refusal or a
   * content-filter stop), or {@code null}.
   */
  final Classification endFailure() {
    if (refusal.length() > 0) {
      return Classification.contentFilter("the model refused: " + refusal);
    }
    if (FinishReason.fromProvider(rawFinish) == FinishReason.CONTENT_FILTER) {
      return Classification.contentFilter("the provider withheld the output (" + rawFinish + ")");
    }
    return null;
  }

  /** The stream's own account of itself, with the full text. */
  final Completion completion(String text) {
    return new Completion(text, model, FinishReason.fromProvider(rawFinish),
        new Usage(inputTokens, outputTokens));
  }

  static StreamFailure unreadable(String data) {
    return new StreamFailure(new Classification(ErrorCategory.NETWORK, true, null,
        "unreadable stream event: " + (data.length() > 120 ? data.substring(0, 120) + "\u2026" : data),
        null));
  }
}
