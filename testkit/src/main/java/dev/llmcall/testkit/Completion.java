package dev.llmcall.testkit;

import dev.llmcall.runtime.ToolCall;
import java.util.List;

/**
 * A successful assistant turn with every default resolved, ready to be rendered in a wire format.
 *
 * @param id the request id (the body id adds the format's prefix)
 * @param text the assistant text, or null for a refusal
 * @param refusal the refusal text, or null
 * @param reasoning what the reply says beside its text, or {@link ScriptedReasoning#NONE}
 * @param toolCalls the tools the model asks for, after the text
 */
record Completion(
    String id,
    String model,
    String text,
    String refusal,
    String finishReason,
    int inputTokens,
    int outputTokens,
    ScriptedReasoning reasoning,
    List<ToolCall> toolCalls) {

  /** Resolves the defaults of a success {@code reply} against the request and the wire format. */
  static Completion resolve(FakeReply reply, RequestFacts facts, WireFormat format, String requestId) {
    String refusal = reply.refusalText();
    String text = refusal == null ? reply.text() : null;
    return new Completion(
        requestId,
        reply.model() != null ? reply.model() : facts.model(),
        text,
        refusal,
        reply.finishReason() != null ? reply.finishReason()
            : !reply.toolCalls().isEmpty() ? format.toolCallsFinishReason()
            : format.defaultFinishReason(refusal != null),
        reply.inputTokens() != null ? reply.inputTokens() : facts.inputWords(),
        reply.outputTokens() != null
            ? reply.outputTokens()
            : Json.words(refusal != null ? refusal : text),
        reply.reasoning(),
        reply.toolCalls());
  }
}
