package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.spi.StructuredOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one request asks: the system and user messages, whether to stream, the schema of a
 * structured result, and the turns that follow the user message: answers sent back to be repaired,
 * or the text already delivered by a stream that broke. Internal: not part of the API.
 *
 * @param system the system prompt, or {@code null}
 * @param user the user message
 * @param stream whether the answer is streamed
 * @param output the structured result asked for, or {@code null} for text
 * @param repairs earlier answers that did not fit the schema, each with the feedback sent back
 * @param assistantPrefix text the assistant already said, to be continued; or {@code null}
 * @param continueInstruction a user message asking to continue after {@code assistantPrefix}, for
 *     providers without assistant prefill; or {@code null}
 */
public record Prompt(
    String system, String user, boolean stream, StructuredOutput<?> output, List<Repair> repairs,
    String assistantPrefix, String continueInstruction) {

  /** One answer that did not fit, and what the model was told about it. */
  record Repair(String answer, String feedback) {}

  public Prompt {
    Objects.requireNonNull(user, "user == null");
    repairs = List.copyOf(repairs);
  }

  public static Prompt of(String system, String user) {
    return new Prompt(system, user, false, null, List.of(), null, null);
  }

  public static Prompt streamed(String system, String user) {
    return new Prompt(system, user, true, null, List.of(), null, null);
  }

  public static Prompt structured(String system, String user, StructuredOutput<?> output) {
    return new Prompt(system, user, false, output, List.of(), null, null);
  }

  /** This prompt, asking to continue after {@code delivered}. */
  public Prompt resumedAfter(String delivered, String instruction) {
    return new Prompt(system, user, stream, output, repairs, delivered, instruction);
  }

  /** This prompt, with one more answer sent back to be corrected. */
  public Prompt repairing(String answer, String feedback) {
    List<Repair> more = new ArrayList<>(repairs);
    more.add(new Repair(answer, feedback));
    return new Prompt(system, user, stream, output, more, assistantPrefix, continueInstruction);
  }
}
