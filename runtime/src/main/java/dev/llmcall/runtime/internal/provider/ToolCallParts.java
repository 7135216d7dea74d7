package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls of one answer as their pieces arrive: whole in a completion, in fragments by
 * index in a stream (OpenAI's {@code delta.tool_calls[i]}, whose id and name come first and whose
 * {@code arguments} come in pieces; Anthropic's {@code tool_use} block and its {@code
 * input_json_delta} pieces). Not thread-safe. Internal: not part of the API.
 */
final class ToolCallParts {
  private final List<Part> parts = new ArrayList<>(1);

  /** One call being assembled. */
  private static final class Part {
    final int index;
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();

    Part(int index) {
      this.index = index;
    }
  }

  /**
   * Adds what a piece says of the call at {@code index}: its id and name when the piece has them,
   * and a piece of its arguments.
   */
  void add(int index, String id, String name, String arguments) {
    Part part = part(index);
    part.id = id != null ? id : part.id;
    part.name = name != null ? name : part.name;
    if (arguments != null) {
      part.arguments.append(arguments);
    }
  }

  /** Adds every piece {@code more} has, as {@link #add} does. */
  void addAll(ToolCallParts more) {
    for (Part p : more.parts) {
      add(p.index, p.id, p.name, p.arguments.toString());
    }
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /**
   * The calls, in index order. A call without an id gets {@code call_<index>} (some compatible
   * servers send none), one without arguments an empty object.
   */
  List<ToolCall> calls() {
    if (parts.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>(parts.size());
    for (Part p : parts) {
      String arguments = p.arguments.toString();
      calls.add(new ToolCall(p.id != null ? p.id : "call_" + p.index, p.name != null ? p.name : "",
          arguments.isBlank() ? "{}" : arguments));
    }
    return calls;
  }

  private Part part(int index) {
    for (int i = parts.size() - 1; i >= 0; i--) { // the last one, as a rule
      if (parts.get(i).index == index) {
        return parts.get(i);
      }
    }
    Part p = new Part(index);
    int at = parts.size();
    while (at > 0 && parts.get(at - 1).index > index) {
      at--;
    }
    parts.add(at, p);
    return p;
  }
}
