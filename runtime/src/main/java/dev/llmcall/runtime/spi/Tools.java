package dev.llmcall.runtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The tools of one invocation: their definitions, written by the processor from a tool interface,
 * and a generated dispatcher that decodes a call's arguments and calls the caller's
 * implementation. No reflection.
 *
 * <pre>{@code
 * private static final List<ToolDefinition> WEATHER_TOOLS = List.of(
 *     ToolDefinition.of("forecast", "The forecast for a city", "{\"type\":\"object\",...}"));
 * ...
 * Tools.of(WEATHER_TOOLS, (name, args, v) -> dispatchWeatherTools(tools, name, args, v)).maxRounds(5)
 * }</pre>
 *
 * <p>Called by generated code. Not for direct use.
 *
 * @param definitions each tool the model may call
 * @param dispatcher runs one call
 * @param maxRounds how many times the model may ask for tools in one invocation before the call
 *     fails; {@value #DEFAULT_MAX_ROUNDS} unless the method says otherwise
 * @param failOnToolError whether a tool that throws ends the call (its exception the cause)
 *     instead of its message going back to the model as an error result
 */
public record Tools(List<ToolDefinition> definitions, Dispatcher dispatcher, int maxRounds,
    boolean failOnToolError) {
  /** Tool rounds allowed when the method sets none. */
  public static final int DEFAULT_MAX_ROUNDS = 10;

  public Tools {
    definitions = List.copyOf(definitions);
    Objects.requireNonNull(dispatcher, "dispatcher == null");
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds < 1: " + maxRounds);
    }
  }

  /** Tools with {@value #DEFAULT_MAX_ROUNDS} rounds, whose errors go back to the model. */
  public static Tools of(List<ToolDefinition> definitions, Dispatcher dispatcher) {
    return new Tools(definitions, dispatcher, DEFAULT_MAX_ROUNDS, false);
  }

  /** These tools, allowing {@code maxRounds} rounds. */
  public Tools maxRounds(int maxRounds) {
    return new Tools(definitions, dispatcher, maxRounds, failOnToolError);
  }

  /** These tools, a tool that throws ending the call. */
  public Tools failingOnToolError() {
    return new Tools(definitions, dispatcher, maxRounds, true);
  }

  /** Whether a tool of this name is defined. */
  public boolean defines(String name) {
    for (ToolDefinition d : definitions) {
      if (d.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Runs one tool call. */
  @FunctionalInterface
  public interface Dispatcher {
    /**
     * Decodes {@code arguments} for the tool {@code name}, calls it and returns its result as the
     * text to send back to the model (a {@code String} result as is, others as JSON); or, when the
     * arguments do not fit the tool's schema, reports why to {@code violations} and returns {@code
     * null} without calling it.
     *
     * @throws Exception whatever the tool throws
     */
    String dispatch(String name, JsonNode arguments, Violations violations) throws Exception;
  }
}
