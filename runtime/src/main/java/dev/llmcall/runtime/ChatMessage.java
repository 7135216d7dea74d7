package dev.llmcall.runtime;

import dev.llmcall.runtime.internal.provider.ConversationJson;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation: what a method taking a {@code List<ChatMessage>} history sends
 * between its system prompt and its templated user message, and what {@link LlmResponse#turn()}
 * hands back to append.
 *
 * <pre>{@code
 * List<ChatMessage> history = new ArrayList<>();
 * LlmResponse<String> r = chat.reply(history, "What is the capital of France?");
 * history.addAll(r.turn());                        // the question, any tool round, the answer
 * r = chat.reply(history, "And its population?");  // the model sees the whole conversation
 * }</pre>
 *
 * <p>A user builds {@link #system}, {@link #user} and {@link #assistant} messages; the tool and
 * thinking parts come from responses, to be sent back unchanged (Anthropic requires thinking blocks
 * to come back as they were given). On Anthropic, system messages of the history join the top-level
 * system prompt and consecutive messages of one role are merged, as its API requires. Immutable.
 */
public final class ChatMessage {

  /** Who said it. */
  public enum Role {
    /** Instructions to the model. */
    SYSTEM,
    /** The caller. */
    USER,
    /** The model: text, tool calls and thinking. */
    ASSISTANT,
    /** The result of one tool call, sent back to the model. */
    TOOL
  }

  private final Role role;
  private final String text;
  private final List<Image> images;
  private final List<ToolCall> toolCalls;
  private final List<ThinkingBlock> thinking;
  private final String toolCallId;
  private final boolean error;

  private ChatMessage(Role role, String text, List<Image> images, List<ToolCall> toolCalls,
      List<ThinkingBlock> thinking, String toolCallId, boolean error) {
    this.role = role;
    this.text = Objects.requireNonNull(text, "text == null");
    this.images = List.copyOf(images);
    this.toolCalls = List.copyOf(toolCalls);
    this.thinking = List.copyOf(thinking);
    this.toolCallId = toolCallId;
    this.error = error;
  }

  /** Instructions, as the method's {@code system} prompt gives them. */
  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, text, List.of(), List.of(), List.of(), null, false);
  }

  /** The caller's text. */
  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, text, List.of(), List.of(), List.of(), null, false);
  }

  /** The caller's text and images, the images after the text. */
  public static ChatMessage user(String text, List<Image> images) {
    return new ChatMessage(Role.USER, text, images, List.of(), List.of(), null, false);
  }

  /** What the model said. */
  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, text, List.of(), List.of(), List.of(), null, false);
  }

  /**
   * What the model said, with the tools it asked for and its thinking blocks, as a response gives
   * them.
   */
  public static ChatMessage assistant(String text, List<ToolCall> toolCalls,
      List<ThinkingBlock> thinking) {
    return new ChatMessage(Role.ASSISTANT, text, List.of(), toolCalls, thinking, null, false);
  }

  /**
   * The result of the tool call {@code toolCallId}.
   *
   * @param error whether the tool failed, {@code text} then saying how
   */
  public static ChatMessage toolResult(String toolCallId, String text, boolean error) {
    Objects.requireNonNull(toolCallId, "toolCallId == null");
    return new ChatMessage(Role.TOOL, text, List.of(), List.of(), List.of(), toolCallId, error);
  }

  public Role role() {
    return role;
  }

  /** The text; empty when there is none (an assistant message of tool calls only). */
  public String text() {
    return text;
  }

  /** A user message's images; empty otherwise. */
  public List<Image> images() {
    return images;
  }

  /** The tools an assistant message asked for; empty otherwise. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** An assistant message's thinking blocks (Anthropic extended thinking); empty otherwise. */
  public List<ThinkingBlock> thinking() {
    return thinking;
  }

  /** For a {@link Role#TOOL} message, the id of the call it answers; {@code null} otherwise. */
  public String toolCallId() {
    return toolCallId;
  }

  /** For a {@link Role#TOOL} message, whether the tool failed. */
  public boolean isError() {
    return error;
  }

  /**
   * A conversation as JSON, to keep it between requests (in a session, a database): llmcall's own
   * format, the same whichever provider the messages came from, with images, tool calls and
   * thinking blocks; {@link #fromJson} reads it back equal.
   */
  public static String toJson(List<ChatMessage> conversation) {
    return ConversationJson.write(conversation);
  }

  /**
   * Reads a conversation {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such a conversation
   */
  public static List<ChatMessage> fromJson(String json) {
    return ConversationJson.read(Objects.requireNonNull(json, "json == null"));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ChatMessage)) {
      return false;
    }
    ChatMessage m = (ChatMessage) o;
    return role == m.role && text.equals(m.text) && images.equals(m.images)
        && toolCalls.equals(m.toolCalls) && thinking.equals(m.thinking)
        && Objects.equals(toolCallId, m.toolCallId) && error == m.error;
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, text, images, toolCalls, thinking, toolCallId, error);
  }

  /** The role and the text, cut to 80 characters, with the other parts counted. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(role.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
    s.append(text.length() > 80 ? text.substring(0, 80) + "..." : text);
    if (!images.isEmpty()) {
      s.append(" [").append(images.size()).append(" image(s)]");
    }
    if (!toolCalls.isEmpty()) {
      s.append(" [tool calls: ");
      for (int i = 0; i < toolCalls.size(); i++) {
        s.append(i == 0 ? "" : ", ").append(toolCalls.get(i).name());
      }
      s.append(']');
    }
    if (toolCallId != null) {
      s.append(" [result of ").append(toolCallId).append(error ? ", error]" : "]");
    }
    return s.toString();
  }
}
