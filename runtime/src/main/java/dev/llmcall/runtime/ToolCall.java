package dev.llmcall.runtime;

import java.util.Objects;

/**
 * One tool call the model asked for: OpenAI's {@code tool_calls[]}, Anthropic's {@code tool_use}
 * blocks.
 *
 * @param id the provider's id for it, which its result must name
 * @param name the tool's name
 * @param arguments the arguments, as JSON object text
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(arguments, "arguments == null");
  }
}
