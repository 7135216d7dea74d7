package dev.llmcall.runtime.spi;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one invocation sends beyond its text: the system prompt, the conversation so far, the
 * templated user message with its images, and the tools the model may call. Generated code makes
 * one per invocation of a method that takes a history, images or tools; other methods pass the
 * system prompt and the user message alone.
 *
 * <pre>{@code
 * return this.reply.call(Request.of(null, "Answer: " + question).history(history).tools(toolsOf(tools)));
 * }</pre>
 *
 * <p>Not thread-safe while it is being built; the runtime copies what it needs when a call starts.
 * Called by generated code. Not for direct use.
 */
public final class Request {
  private final String system;
  private final String user;
  private List<ChatMessage> history = List.of();
  private List<Image> images = List.of();
  private Tools tools;
  private String model;

  private Request(String system, String user) {
    this.system = system;
    this.user = Objects.requireNonNull(user, "user == null");
  }

  /**
   * @param system the system prompt, or {@code null} for none
   * @param user the templated user message
   */
  public static Request of(String system, String user) {
    return new Request(system, user);
  }

  /** The conversation so far, sent between the system prompt and the user message. */
  public Request history(List<ChatMessage> history) {
    Objects.requireNonNull(history, "history == null");
    for (ChatMessage m : history) {
      Objects.requireNonNull(m, "history contains null");
    }
    this.history = List.copyOf(history);
    return this;
  }

  /** One more image of the user message, after those added before. */
  public Request image(Image image) {
    Objects.requireNonNull(image, "image == null");
    if (images.isEmpty()) {
      images = new ArrayList<>(2);
    }
    images.add(image);
    return this;
  }

  /** The tools the model may call, and how to run them. */
  public Request tools(Tools tools) {
    this.tools = Objects.requireNonNull(tools, "tools == null");
    return this;
  }

  /** The model of this call, in place of the method's, for the method's own target. */
  public Request model(String model) {
    this.model = Objects.requireNonNull(model, "model == null");
    return this;
  }

  /** The model of this call, or {@code null} for the method's. */
  public String model() {
    return model;
  }

  public String system() {
    return system;
  }

  public String user() {
    return user;
  }

  public List<ChatMessage> history() {
    return history;
  }

  /** The user message's images, in order. */
  public List<Image> images() {
    return List.copyOf(images);
  }

  /** The tools, or {@code null} for none. */
  public Tools tools() {
    return tools;
  }
}
