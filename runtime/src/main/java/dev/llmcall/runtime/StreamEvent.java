package dev.llmcall.runtime;

import java.util.Objects;

/**
 * One delta of a streamed answer, as {@link LlmStream#events()} hands them out in the order they
 * arrived: a piece of the answer's {@link Text}, or a piece of the model's {@link Reasoning} (the
 * {@code reasoning_content} of OpenAI-compatible servers, Anthropic's thinking), which is never
 * part of the text.
 *
 * <pre>{@code
 * try (LlmStream answer = solver.solve(puzzle)) {
 *   answer.events().forEach(e -> {
 *     if (e instanceof StreamEvent.Reasoning) {
 *       thoughts.append(e.text());              // shown apart, greyed out
 *     } else {
 *       page.append(e.text());
 *     }
 *   });
 * }
 * }</pre>
 */
public sealed interface StreamEvent {

  /** The piece this event carries; never empty. */
  String text();

  /** A piece of the answer's text: what {@link LlmStream}'s iteration hands out. */
  record Text(String text) implements StreamEvent {
    public Text {
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * A piece of the model's reasoning, apart from the answer; all of it is {@link
   * LlmResponse#reasoning()} at the end.
   */
  record Reasoning(String text) implements StreamEvent {
    public Reasoning {
      Objects.requireNonNull(text, "text == null");
    }
  }
}
