package dev.llmcall.runtime.internal;

import java.util.Objects;

/**
 * What one request asks: the system and user messages, whether to stream, and, to resume a
 * stream that broke, the text already delivered and (for OpenAI-compatible providers) the
 * instruction to continue it. Internal: not part of the API.
 *
 * @param system the system prompt, or {@code null}
 * @param user the user message
 * @param stream whether the answer is streamed
 * @param assistantPrefix text the assistant already said, to be continued; or {@code null}
 * @param continueInstruction a user message asking to continue after {@code assistantPrefix}, for
 *     providers without assistant prefill; or {@code null}
 */
record Prompt(
    String system, String user, boolean stream, String assistantPrefix, String continueInstruction) {
  Prompt {
    Objects.requireNonNull(user, "user == null");
  }

  static Prompt of(String system, String user) {
    return new Prompt(system, user, false, null, null);
  }

  static Prompt streamed(String system, String user) {
    return new Prompt(system, user, true, null, null);
  }

  /** This prompt, asking to continue after {@code delivered}. */
  Prompt resumedAfter(String delivered, String instruction) {
    return new Prompt(system, user, stream, delivered, instruction);
  }
}
