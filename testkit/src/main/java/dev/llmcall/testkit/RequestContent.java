package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chat request sent, read the same way from either wire for {@link RecordedRequest}'s
 * accessors: its messages, the tools it offered, the tool calls it sent back and their results.
 * OpenAI: {@code messages[]}, {@code tools[].function}, assistant {@code tool_calls} and {@code
 * tool} messages; Anthropic: {@code messages[]}, {@code tools[]}, {@code tool_use} and {@code
 * tool_result} blocks. Trees only, lenient: a body that is not a chat request has none of them.
 */
final class RequestContent {
  private final JsonNode root;
  private final boolean anthropic;

  RequestContent(RecordedRequest request) {
    this.root = Json.parseLenient(request.body());
    this.anthropic = WireFormat.forPath(request.path().split("\\?", 2)[0]) == WireFormat.ANTHROPIC;
  }

  List<RecordedRequest.Message> messages() {
    List<RecordedRequest.Message> messages = new ArrayList<>();
    for (JsonNode m : root.path("messages")) {
      messages.add(new RecordedRequest.Message(m.path("role").asText(""),
          Json.contentText(m.get("content"))));
    }
    return messages;
  }

  List<String> tools() {
    List<String> names = new ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      names.add((anthropic ? t : t.path("function")).path("name").asText(""));
    }
    return names;
  }

  List<ToolCall> toolCalls() {
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode m : root.path("messages")) {
      if (!"assistant".equals(m.path("role").asText())) {
        continue;
      }
      if (!anthropic) {
        for (JsonNode c : m.path("tool_calls")) {
          calls.add(new ToolCall(c.path("id").asText(""), c.path("function").path("name").asText(""),
              c.path("function").path("arguments").asText("")));
        }
        continue;
      }
      for (JsonNode block : m.path("content")) {
        if ("tool_use".equals(block.path("type").asText())) {
          calls.add(new ToolCall(block.path("id").asText(""), block.path("name").asText(""),
              block.path("input").toString()));
        }
      }
    }
    return calls;
  }

  List<RecordedRequest.ToolResult> toolResults() {
    List<RecordedRequest.ToolResult> results = new ArrayList<>();
    for (JsonNode m : root.path("messages")) {
      if (!anthropic && "tool".equals(m.path("role").asText())) {
        results.add(new RecordedRequest.ToolResult(m.path("tool_call_id").asText(""),
            Json.contentText(m.get("content")), false));
      }
      if (anthropic && "user".equals(m.path("role").asText())) {
        for (JsonNode block : m.path("content")) {
          if ("tool_result".equals(block.path("type").asText())) {
            results.add(new RecordedRequest.ToolResult(block.path("tool_use_id").asText(""),
                Json.contentText(block.get("content")), block.path("is_error").asBoolean(false)));
          }
        }
      }
    }
    return results;
  }
}
