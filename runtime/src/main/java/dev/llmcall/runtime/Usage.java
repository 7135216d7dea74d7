package dev.llmcall.runtime;

/**
 * Tokens a call consumed, as the provider reported them; 0 where it reported nothing.
 *
 * <pre>{@code
 * Usage u = response.usage();
 * log.info("{} in ({} from the prompt cache), {} out ({} reasoning)",
 *     u.inputTokens(), u.cachedInputTokens(), u.outputTokens(), u.reasoningTokens());
 * }</pre>
 *
 * @param inputTokens every prompt token, cached ones included (OpenAI {@code prompt_tokens};
 *     Anthropic {@code input_tokens} plus its cache reads and writes, which it reports apart)
 * @param outputTokens generated tokens, reasoning included (OpenAI {@code completion_tokens},
 *     Anthropic {@code output_tokens})
 * @param cachedInputTokens the part of {@code inputTokens} read from the provider's prompt cache
 *     (OpenAI {@code prompt_tokens_details.cached_tokens}, Anthropic {@code cache_read_input_tokens})
 * @param reasoningTokens the part of {@code outputTokens} a reasoning model spent thinking (OpenAI
 *     {@code completion_tokens_details.reasoning_tokens}; Anthropic reports none apart)
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int reasoningTokens) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0: " + inputTokens + ", "
          + outputTokens + ", " + cachedInputTokens + ", " + reasoningTokens);
    }
  }

  /** Input and output tokens, with no cached or reasoning detail. */
  public Usage(int inputTokens, int outputTokens) {
    this(inputTokens, outputTokens, 0, 0);
  }

  /** Every count added, for usage over several attempts. */
  public Usage plus(Usage other) {
    return other == null || other.equals(NONE) ? this
        : new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
            cachedInputTokens + other.cachedInputTokens, reasoningTokens + other.reasoningTokens);
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
