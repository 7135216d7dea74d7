package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ThinkingBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's thinking blocks as a stream builds them ({@code content_block_start} of a {@code
 * thinking} or {@code redacted_thinking} block, then {@code thinking_delta} and {@code
 * signature_delta} pieces for its index), and the reasoning text that blocks make: the readable
 * blocks' text, a blank line between two blocks. A streamed answer's reasoning is exactly the
 * pieces handed out, separator included, so it equals {@link #text(List)} of the blocks. One per
 * streamed attempt that thinks; not thread-safe. Internal: not part of the API.
 */
final class ThinkingBlocks {
  /** Between the text of two thinking blocks in {@link dev.llmcall.runtime.LlmResponse#reasoning()}. */
  static final String SEPARATOR = "\n\n";

  /** One block being received. */
  private static final class Block {
    final int index;
    final StringBuilder thinking = new StringBuilder();
    final StringBuilder signature = new StringBuilder();
    final String redactedData;

    Block(int index, String redactedData) {
      this.index = index;
      this.redactedData = redactedData;
    }

    ThinkingBlock done() {
      return redactedData != null ? ThinkingBlock.redacted(redactedData)
          : ThinkingBlock.of(thinking.toString(), signature.length() == 0 ? null : signature.toString());
    }
  }

  private final List<Block> blocks = new ArrayList<>(2);
  /** Whether some block's text was handed out: the next block's text starts with the separator. */
  private boolean anyText;

  /**
   * A block started; returns the reasoning its first text adds (normally none: the text comes in
   * deltas), or {@code null}.
   *
   * @param redactedData a {@code redacted_thinking} block's data; {@code null} for a readable one
   */
  String start(int index, String thinking, String signature, String redactedData) {
    Block b = new Block(index, redactedData);
    blocks.add(b);
    signature(index, signature);
    return redactedData != null ? null : thinking(index, thinking);
  }

  /** A piece of a block's text; returns the reasoning it adds, or {@code null} for none. */
  String thinking(int index, String piece) {
    if (piece == null || piece.isEmpty()) {
      return null;
    }
    Block b = block(index);
    String added = anyText && b.thinking.length() == 0 ? SEPARATOR + piece : piece;
    b.thinking.append(piece);
    anyText = true;
    return added;
  }

  /** A piece of a block's signature. */
  void signature(int index, String piece) {
    if (piece != null && !piece.isEmpty()) {
      block(index).signature.append(piece);
    }
  }

  /** The blocks, in the order they started. */
  List<ThinkingBlock> blocks() {
    List<ThinkingBlock> done = new ArrayList<>(blocks.size());
    for (Block b : blocks) {
      done.add(b.done());
    }
    return done;
  }

  /** The reasoning text of {@code blocks}: the readable ones, a blank line between two; or null. */
  static String text(List<ThinkingBlock> blocks) {
    StringBuilder text = null;
    for (ThinkingBlock b : blocks) {
      if (!b.thinking().isEmpty()) {
        text = text == null ? new StringBuilder() : text.append(SEPARATOR);
        text.append(b.thinking());
      }
    }
    return text == null ? null : text.toString();
  }

  /** The block of {@code index}, the last one first; a delta with no start starts a readable one. */
  private Block block(int index) {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i).index == index) {
        return blocks.get(i);
      }
    }
    Block b = new Block(index, null);
    blocks.add(b);
    return b;
  }
}
