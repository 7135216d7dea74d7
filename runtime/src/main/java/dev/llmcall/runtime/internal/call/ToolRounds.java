package dev.llmcall.runtime.internal.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Completion;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import dev.llmcall.runtime.spi.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool loop of one invocation, the same for every shape: whether an answer asks for tools,
 * running each call through the generated dispatcher, and the prompt of the next round, which
 * carries the assistant's message unchanged (its tool calls, its thinking blocks) and one result
 * per call.
 *
 * <p><b>Exactly once.</b> Every call is recorded with its result, by the call's id, and every later
 * prompt of the invocation (a transport retry, a repair, a stream's retry or resumption) is made
 * from a prompt that carries the recorded results: no tool runs twice. A call whose id was answered
 * before gets the recorded result, without running.
 *
 * <p>What goes back to the model as an error result, so it can correct itself: a tool it does not
 * have, arguments that are not a JSON object or do not fit the tool's schema, and, unless the
 * method fails on tool errors, the message of a tool that threw. Not thread-safe: one call's
 * attempts run one after another. Internal: not part of the API.
 */
public final class ToolRounds {
  private final Tools tools;
  private final CallRecord record;
  /** Each call's result, by the call's id; made at the first round, as most calls have none. */
  private Map<String, ChatMessage> results;
  private int rounds;

  /** @param tools the call's tools, or {@code null} for none */
  ToolRounds(Tools tools, CallRecord record) {
    this.tools = tools;
    this.record = record;
  }

  /**
   * Whether {@code c} asks for tools that this call runs. An answer with tool calls to a call
   * without tools is the call's answer, as the provider gave it.
   */
  boolean asks(Completion c) {
    return tools != null && !c.toolCalls().isEmpty();
  }

  /**
   * A round begins: counted against the method's most, with the results of calls answered
   * before already in. Its new calls run in {@link Round#run}, which may be on another thread,
   * holding no lock of the call's; {@link #finish} then records them.
   *
   * @throws LlmException when the method's rounds are used up
   */
  Round start(Prompt answered, Completion c) {
    if (rounds == tools.maxRounds()) {
      throw record.failure(new Classification(ErrorCategory.VALIDATION, false, null,
          "the model asked for tools again after " + rounds + (rounds == 1 ? " tool round" : " tool rounds")
              + ", the most this method allows; raise @LlmCall(maxToolRounds) if it needs more",
          null), 0, null, null, false, null);
    }
    rounds++;
    if (results == null) {
      results = new HashMap<>();
    }
    List<ToolCall> calls = c.toolCalls();
    ChatMessage[] known = new ChatMessage[calls.size()];
    for (int i = 0; i < known.length; i++) {
      known[i] = results.get(calls.get(i).id());
    }
    return new Round(answered, c, known);
  }

  /**
   * The round's results recorded, by call id, and the next round's prompt.
   *
   * @throws LlmException when a tool threw and the method fails on tool errors, or it threw an
   *     {@link Error}
   */
  Prompt finish(Round round) {
    if (round.thrower != null) {
      Throwable t = round.thrown;
      throw record.failure(new Classification(ErrorCategory.UNKNOWN, false, null,
          "the tool '" + round.thrower.name() + "' threw " + t, null), 0, null, t, false, null);
    }
    List<ToolCall> calls = round.answer.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      results.putIfAbsent(calls.get(i).id(), round.results[i]);
    }
    return round.answered.withRound(round.answer.message(), List.of(round.results));
  }

  /**
   * One round's calls and their results. {@link #run} touches nothing of the call but the
   * tools, so it may run on any thread while the call's lock is free.
   */
  public final class Round {
    private final Prompt answered;
    private final Completion answer;
    private final ChatMessage[] results;
    private ToolCall thrower;
    private Throwable thrown;

    private Round(Prompt answered, Completion answer, ChatMessage[] known) {
      this.answered = answered;
      this.answer = answer;
      this.results = known;
    }

    /** Runs each call not answered before, in order, until one fails the call. */
    public void run() {
      List<ToolCall> calls = answer.toolCalls();
      for (int i = 0; i < results.length && thrower == null; i++) {
        if (results[i] == null) {
          results[i] = ToolRounds.this.run(calls.get(i), this);
        }
      }
    }
  }

  /**
   * One call's result; the only place a tool runs. A tool that fails the call is kept in {@code
   * round}, for {@link #finish} to end the call with.
   */
  private ChatMessage run(ToolCall call, Round round) {
    if (!tools.defines(call.name())) {
      return error(call, "There is no tool named '" + call.name() + "'. The tools are: "
          + names() + ".");
    }
    JsonNode arguments;
    try {
      arguments = StructuredReader.tree(call.arguments());
    } catch (JsonProcessingException e) {
      arguments = null;
    }
    if (arguments == null || !arguments.isObject()) {
      return error(call, "The arguments of '" + call.name() + "' must be one JSON object; got: "
          + call.arguments());
    }
    Violations violations = new Violations();
    String text;
    try {
      text = tools.dispatcher().dispatch(call.name(), arguments, violations);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (tools.failOnToolError()) {
        round.thrower = call;
        round.thrown = e;
        return null;
      }
      return error(call, e.getMessage() != null ? e.getMessage() : e.getClass().getName());
    } catch (Error e) { // ends the call, which every shape then completes: nothing waits forever
      round.thrower = call;
      round.thrown = e;
      return null;
    }
    if (text == null && !violations.isEmpty()) {
      StringBuilder b = new StringBuilder("The arguments of '" + call.name()
          + "' do not fit its schema:\n");
      for (String v : violations.list()) {
        b.append("- ").append(v).append('\n');
      }
      return error(call, b.append("Call it again with corrected arguments.").toString());
    }
    return ChatMessage.toolResult(call.id(), text == null ? "null" : text, false);
  }

  private static ChatMessage error(ToolCall call, String text) {
    return ChatMessage.toolResult(call.id(), text, true);
  }

  private String names() {
    StringBuilder b = new StringBuilder();
    for (ToolDefinition d : tools.definitions()) {
      b.append(b.length() == 0 ? "" : ", ").append(d.name());
    }
    return b.toString();
  }
}
