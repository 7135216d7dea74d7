package dev.llmcall.runtime;

/**
 * Tokens a call consumed, as the provider reported them; 0 where it reported nothing.
 *
 * @param inputTokens prompt tokens (OpenAI {@code prompt_tokens}, Anthropic {@code input_tokens})
 * @param outputTokens generated tokens (OpenAI {@code completion_tokens}, Anthropic {@code output_tokens})
 */
public record Usage(int inputTokens, int outputTokens) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0: " + inputTokens + ", " + outputTokens);
    }
  }

  /** Both counts added, for usage over several attempts. */
  public Usage plus(Usage other) {
    return other == null || other.equals(NONE) ? this
        : new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
