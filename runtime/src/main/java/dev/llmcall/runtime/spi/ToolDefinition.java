package dev.llmcall.runtime.spi;

import java.util.Objects;

/**
 * One tool as the model sees it: OpenAI's {@code tools[].function}, Anthropic's {@code tools[]}.
 *
 * @param name the tool's name ({@code [A-Za-z0-9_-]{1,64}})
 * @param description what it does and when to call it
 * @param schema the JSON schema of its arguments object, as JSON text
 */
public record ToolDefinition(String name, String description, String schema) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(schema, "schema == null");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool name must be [A-Za-z0-9_-]{1,64}: " + name);
    }
  }

  public static ToolDefinition of(String name, String description, String schema) {
    return new ToolDefinition(name, description, schema);
  }
}
