package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The two provider wire formats the fake speaks, chosen by request path, and how each renders bodies. */
enum WireFormat {
  /** OpenAI Chat Completions: {@code POST .../chat/completions}. */
  OPENAI("x-request-id") {
    @Override
    String defaultFinishReason(boolean refusal) {
      return "stop";
    }

    @Override
    String toolCallsFinishReason() {
      return "tool_calls";
    }

    @Override
    ObjectNode modelsBody(String model) {
      ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
      body.putArray("data").addObject()
          .put("id", model).put("object", "model").put("created", 0).put("owned_by", "llmcall-fake");
      return body;
    }

    @Override
    ObjectNode successBody(Completion c) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("id", "chatcmpl-" + c.id());
      root.put("object", "chat.completion");
      root.put("created", Instant.now().getEpochSecond());
      root.put("model", c.model());
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", c.text());
      message.put("refusal", c.refusal());
      c.reasoning().putOpenAi(message);
      ToolCallRendering.openAiMessage(message, c.toolCalls());
      choice.putNull("logprobs");
      choice.put("finish_reason", c.finishReason());
      ObjectNode usage = root.putObject("usage");
      usage.put("prompt_tokens", c.inputTokens());
      usage.put("completion_tokens", c.outputTokens());
      usage.put("total_tokens", c.inputTokens() + c.outputTokens());
      return root;
    }

    @Override
    ObjectNode errorBody(int status, String code, String message, String requestId) {
      return openAiError(DefaultErrors.openAiTypeFor(status), code, message);
    }

    @Override
    ObjectNode defaultErrorBody(int status, String requestId) {
      DefaultErrors d = DefaultErrors.forStatus(status);
      return openAiError(d.openAiType(), d.openAiCode(), d.openAiMessage());
    }
  },

  /** Anthropic Messages: {@code POST /v1/messages}. */
  ANTHROPIC("request-id") {
    @Override
    String defaultFinishReason(boolean refusal) {
      return refusal ? "refusal" : "end_turn";
    }

    @Override
    String toolCallsFinishReason() {
      return "tool_use";
    }

    @Override
    ObjectNode modelsBody(String model) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.putArray("data").addObject()
          .put("type", "model").put("id", model).put("display_name", model)
          .put("created_at", "2025-01-01T00:00:00Z");
      return body.put("has_more", false).put("first_id", model).put("last_id", model);
    }

    @Override
    ObjectNode successBody(Completion c) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("id", "msg_" + c.id());
      root.put("type", "message");
      root.put("role", "assistant");
      root.put("model", c.model());
      ArrayNode content = root.putArray("content");
      c.reasoning().addAnthropic(content);
      String text = c.refusal() != null ? c.refusal() : c.text();
      if (!text.isEmpty() || (c.refusal() == null && c.toolCalls().isEmpty())) {
        content.addObject().put("type", "text").put("text", text);
      }
      ToolCallRendering.anthropicBlocks(content, c.toolCalls());
      root.put("stop_reason", c.finishReason());
      root.putNull("stop_sequence");
      ObjectNode usage = root.putObject("usage");
      usage.put("input_tokens", c.inputTokens());
      usage.put("output_tokens", c.outputTokens());
      return root;
    }

    @Override
    ObjectNode errorBody(int status, String code, String message, String requestId) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("type", "error");
      root.putObject("error").put("type", code).put("message", message);
      root.put("request_id", requestId);
      return root;
    }

    @Override
    ObjectNode defaultErrorBody(int status, String requestId) {
      DefaultErrors d = DefaultErrors.forStatus(status);
      return errorBody(status, d.anthropicType(), d.anthropicMessage(), requestId);
    }
  };

  private final String requestIdHeader;

  WireFormat(String requestIdHeader) {
    this.requestIdHeader = requestIdHeader;
  }

  /** The format for a request path, or null when the path is no endpoint of the fake. */
  static WireFormat forPath(String path) {
    if (path.endsWith("/chat/completions")) {
      return OPENAI;
    }
    if (path.endsWith("/v1/messages")) {
      return ANTHROPIC;
    }
    return null;
  }

  /** The response header that carries the request id. */
  String requestIdHeader() {
    return requestIdHeader;
  }

  abstract String defaultFinishReason(boolean refusal);

  /** The finish reason of an answer that asks for tools. */
  abstract String toolCallsFinishReason();

  abstract ObjectNode successBody(Completion completion);

  /** The answer to {@code GET .../models}: a list with one model. */
  abstract ObjectNode modelsBody(String model);

  /** An error body; {@code code} is OpenAI's {@code error.code} or Anthropic's {@code error.type}. */
  abstract ObjectNode errorBody(int status, String code, String message, String requestId);

  abstract ObjectNode defaultErrorBody(int status, String requestId);

  /** The body of a success or error {@code reply}: its raw body if it has one, else a generated one. */
  String render(FakeReply reply, RequestFacts facts, String requestId) {
    if (reply.rawBody() != null) {
      return reply.rawBody();
    }
    ObjectNode body;
    if (reply.kind() == FakeReply.Kind.SUCCESS) {
      body = successBody(Completion.resolve(reply, facts, this, requestId));
    } else if (reply.errorCode() != null) {
      body = errorBody(reply.httpStatus(), reply.errorCode(), reply.errorMessage(), requestId);
    } else {
      body = defaultErrorBody(reply.httpStatus(), requestId);
    }
    return body.toString();
  }

  private static ObjectNode openAiError(String type, String code, String message) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.put("code", code);
    return root;
  }
}
