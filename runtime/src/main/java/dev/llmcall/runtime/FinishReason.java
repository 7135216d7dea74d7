package dev.llmcall.runtime;

/** Why the model stopped, in one vocabulary for every provider. */
public enum FinishReason {
  /** A natural end, or a stop sequence (OpenAI {@code stop}; Anthropic {@code end_turn}, {@code stop_sequence}). */
  STOP,
  /** The output token limit was reached (OpenAI {@code length}; Anthropic {@code max_tokens}). */
  LENGTH,
  /** The model wants to call a tool (OpenAI {@code tool_calls}; Anthropic {@code tool_use}). */
  TOOL_CALLS,
  /** Output was withheld on content grounds (OpenAI {@code content_filter}; Anthropic {@code refusal}). */
  CONTENT_FILTER,
  /** The provider gave no reason, or one we do not know. */
  OTHER;

  /** Maps a provider's finish or stop reason; {@code null} and unknown values give {@link #OTHER}. */
  public static FinishReason fromProvider(String reason) {
    if (reason == null) {
      return OTHER;
    }
    switch (reason) {
      case "stop":
      case "end_turn":
      case "stop_sequence":
        return STOP;
      case "length":
      case "max_tokens":
        return LENGTH;
      case "tool_calls":
      case "function_call":
      case "tool_use":
        return TOOL_CALLS;
      case "content_filter":
      case "refusal":
        return CONTENT_FILTER;
      default:
        return OTHER;
    }
  }
}
