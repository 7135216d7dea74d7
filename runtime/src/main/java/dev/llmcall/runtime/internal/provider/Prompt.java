package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one request asks, in the order the messages are sent: the system prompt, the conversation
 * so far, the user message with its images, the tool rounds of this invocation, the answers sent
 * back to be repaired, and the text already delivered by a stream that broke; with whether to
 * stream, the schema of a structured result and the tools. Internal: not part of the API.
 *
 * @param system the system prompt, or {@code null}
 * @param history the caller's conversation before the user message
 * @param user the user message
 * @param images the user message's images
 * @param stream whether the answer is streamed
 * @param output the structured result asked for, or {@code null} for text
 * @param tools the tools the model may call, or {@code null}
 * @param rounds this invocation's tool rounds: each assistant message asking for tools, then one
 *     result per call
 * @param repairs earlier answers that did not fit the schema, each with the feedback sent back
 * @param assistantPrefix text the assistant already said, to be continued; or {@code null}
 * @param continueInstruction a user message asking to continue after {@code assistantPrefix}, for
 *     providers without assistant prefill; or {@code null}
 * @param model the model of this call in place of the method's, for the method's own target; or
 *     {@code null}
 */
public record Prompt(
    String system, List<ChatMessage> history, String user, List<Image> images, boolean stream,
    StructuredOutput<?> output, Tools tools, List<ChatMessage> rounds, List<Repair> repairs,
    String assistantPrefix, String continueInstruction, String model) {

  /**
   * One answer that did not fit, and what the model was told about it, after the first {@code
   * afterRounds} messages of the tool rounds.
   */
  record Repair(String answer, String feedback, int afterRounds) {}

  public Prompt {
    Objects.requireNonNull(user, "user == null");
    history = List.copyOf(history);
    images = List.copyOf(images);
    rounds = List.copyOf(rounds);
    repairs = List.copyOf(repairs);
  }

  public static Prompt of(String system, String user) {
    return of(Request.of(system, user), false, null);
  }

  /**
   * @param stream whether the answer is streamed
   * @param output the structured result, or {@code null}
   */
  public static Prompt of(Request request, boolean stream, StructuredOutput<?> output) {
    return new Prompt(request.system(), request.history(), request.user(), request.images(), stream,
        output, request.tools(), List.of(), List.of(), null, null, request.model());
  }

  /** The user message, images included. */
  public ChatMessage userMessage() {
    return images.isEmpty() ? ChatMessage.user(user) : ChatMessage.user(user, images);
  }

  /**
   * The messages after the user message, in the order they happened: the tool rounds and the
   * repairs (each answer sent back, then its feedback); the continuation aside.
   */
  public List<ChatMessage> after() {
    if (repairs.isEmpty()) {
      return rounds;
    }
    List<ChatMessage> all = new ArrayList<>(rounds.size() + 2 * repairs.size());
    int r = 0;
    for (Repair repair : repairs) {
      while (r < repair.afterRounds()) {
        all.add(rounds.get(r++));
      }
      all.add(ChatMessage.assistant(repair.answer()));
      all.add(ChatMessage.user(repair.feedback()));
    }
    all.addAll(rounds.subList(r, rounds.size()));
    return all;
  }

  /**
   * The messages a call that answered with {@code answer} adds to a conversation: the user
   * message, the tool rounds, the answer.
   */
  public List<ChatMessage> turn(ChatMessage answer) {
    if (rounds.isEmpty()) {
      return List.of(userMessage(), answer); // immutable: the response keeps it without a copy
    }
    List<ChatMessage> turn = new ArrayList<>(rounds.size() + 2);
    turn.add(userMessage());
    turn.addAll(rounds);
    turn.add(answer);
    return turn;
  }

  /** This prompt, asking to continue after {@code delivered}. */
  public Prompt resumedAfter(String delivered, String instruction) {
    return new Prompt(system, history, user, images, stream, output, tools, rounds, repairs,
        delivered, instruction, model);
  }

  /** This prompt, with one more answer sent back to be corrected. */
  public Prompt repairing(String answer, String feedback) {
    List<Repair> more = new ArrayList<>(repairs);
    more.add(new Repair(answer, feedback, rounds.size()));
    return new Prompt(system, history, user, images, stream, output, tools, rounds, more,
        assistantPrefix, continueInstruction, model);
  }

  /** This prompt, with one more tool round: the assistant's request, then the results. */
  public Prompt withRound(ChatMessage request, List<ChatMessage> results) {
    List<ChatMessage> more = new ArrayList<>(rounds.size() + 1 + results.size());
    more.addAll(rounds);
    more.add(request);
    more.addAll(results);
    return new Prompt(system, history, user, images, stream, output, tools, more, repairs,
        assistantPrefix, continueInstruction, model);
  }
}
