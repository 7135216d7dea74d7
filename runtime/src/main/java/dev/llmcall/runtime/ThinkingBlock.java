package dev.llmcall.runtime;

/**
 * One block of a model's thinking, as Anthropic's extended thinking returns it: readable thinking
 * with its signature, or a redacted block whose content is encrypted. Anthropic requires the
 * blocks to be sent back unchanged with the tool results of the same turn; llmcall keeps them in
 * the assistant's {@link ChatMessage}, and the text alone is {@link LlmResponse#reasoning()}.
 *
 * @param thinking the thinking text; empty for a redacted block
 * @param signature the provider's signature of the text, or {@code null}
 * @param redactedData the encrypted content of a {@code redacted_thinking} block, or {@code null}
 */
public record ThinkingBlock(String thinking, String signature, String redactedData) {
  public ThinkingBlock {
    thinking = thinking == null ? "" : thinking;
  }

  /** A readable block. */
  public static ThinkingBlock of(String thinking, String signature) {
    return new ThinkingBlock(thinking, signature, null);
  }

  /** A redacted block. */
  public static ThinkingBlock redacted(String data) {
    return new ThinkingBlock("", null, data);
  }

  public boolean isRedacted() {
    return redactedData != null;
  }

  /** The text's length and whether it is signed or redacted; never the encrypted data. */
  @Override
  public String toString() {
    return isRedacted() ? "ThinkingBlock[redacted]"
        : "ThinkingBlock[" + thinking.length() + " chars" + (signature != null ? ", signed]" : "]");
  }
}
