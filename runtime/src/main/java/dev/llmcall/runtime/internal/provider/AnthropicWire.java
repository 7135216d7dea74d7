package dev.llmcall.runtime.internal.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ThinkingBlock;
import dev.llmcall.runtime.ToolCall;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.internal.transport.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Anthropic Messages: {@code POST {base}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version}; {@code max_tokens} is required, so it defaults to
 * {@value #DEFAULT_MAX_TOKENS}. Internal: not part of the API.
 */
enum AnthropicWire implements ProviderWire {
  INSTANCE;

  /** Sent when the method sets no {@code maxTokens}: room for a long answer on every current model. */
  static final int DEFAULT_MAX_TOKENS = 4096;
  static final String VERSION = "2023-06-01";

  @Override
  public URI callUri(URI baseUrl, String model, String apiVersion) {
    return URI.create(baseUrl + "/v1/messages");
  }

  @Override
  public URI probeUri(URI baseUrl, String apiVersion) {
    return URI.create(baseUrl + "/v1/models");
  }

  /** The endpoint's extra headers may replace {@code anthropic-version}, and add {@code anthropic-beta}. */
  @Override
  public HttpRequest.Builder wireHeaders(HttpRequest.Builder request) {
    return request.header("anthropic-version", VERSION);
  }

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String credential) {
    return request.setHeader("x-api-key", credential);
  }

  @Override
  public byte[] encode(Endpoint endpoint, CallSite site, Prompt prompt) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", site.model());
      g.writeNumberField("max_tokens", site.maxTokens() != null ? site.maxTokens() : DEFAULT_MAX_TOKENS);
      AnthropicMessages.write(g, prompt);
      if (prompt.stream()) {
        g.writeBooleanField("stream", true);
      }
      if (prompt.output() != null || prompt.tools() != null) {
        tools(g, prompt);
      }
      if (site.temperature() != null) {
        g.writeNumberField("temperature", site.temperature());
      }
      CallSite.Options o = site.options();
      if (o.topP() != null) {
        g.writeNumberField("top_p", o.topP());
      }
      if (!o.stop().isEmpty()) {
        g.writeArrayFieldStart("stop_sequences");
        for (String s : o.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (o.thinkingBudget() != null) {
        g.writeObjectFieldStart("thinking");
        g.writeStringField("type", "enabled");
        g.writeNumberField("budget_tokens", o.thinkingBudget());
        g.writeEndObject();
      }
      // seed and reasoningEffort are OpenAI's; the processor rejects them for Anthropic.
      g.writeEndObject();
    });
  }

  /**
   * The caller's tools, and a structured result as the Messages API's most dependable mechanism:
   * one more tool whose input schema is ours. Alone, {@code tool_choice} forces the model to call
   * it; beside the caller's tools, {@code any} makes it call some tool, its answer last. Native
   * structured outputs are a beta limited to some models; a forced tool works on every current
   * model.
   */
  private static void tools(JsonGenerator g, Prompt prompt) throws IOException {
    AnthropicMessages.tools(g, prompt.tools() == null ? null : prompt.tools().definitions(),
        prompt.output() == null ? null : prompt.output().name(),
        prompt.output() == null ? null : prompt.output().schema());
    if (prompt.output() != null) {
      g.writeObjectFieldStart("tool_choice");
      if (prompt.tools() == null) {
        g.writeStringField("type", "tool");
        g.writeStringField("name", prompt.output().name());
      } else {
        g.writeStringField("type", "any");
      }
      g.writeEndObject();
    }
  }

  @Override
  public Decoded decode(byte[] body) {
    return decode(body, null);
  }

  /**
   * The text blocks are the answer's text and the {@code tool_use} blocks its tool calls, except
   * the structured result's answer tool (named as {@code asked}'s output), whose input is the
   * answer, as JSON text.
   */
  @Override
  public Decoded decode(byte[] body, Prompt asked) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IOException e) {
      return new Decoded.Failure(Classification.unreadable("the success body is not JSON"));
    }
    JsonNode content = root.path("content");
    if (!content.isArray()) {
      return new Decoded.Failure(Classification.unreadable("the response has no content"));
    }
    String answerTool = asked == null || asked.output() == null ? null : asked.output().name();
    StringBuilder text = new StringBuilder();
    List<ToolCall> toolCalls = List.of();
    for (JsonNode block : content) {
      String type = Json.text(block, "type");
      if ("text".equals(type)) {
        text.append(block.path("text").asText(""));
      } else if ("tool_use".equals(type) && !Objects.equals(answerTool, Json.text(block, "name"))) {
        toolCalls = toolCall(toolCalls, block);
      } else if ("tool_use".equals(type)) {
        // A forced tool's input is the structured answer: it becomes the text, as JSON.
        text.setLength(0);
        text.append(block.path("input").toString());
        toolCalls = List.of();
        break;
      }
    }
    // stop_reason refusal becomes CONTENT_FILTER: a result or a failure, as the engine decides.
    String model = Json.text(root, "model");
    JsonNode usage = root.path("usage");
    List<ThinkingBlock> thinking = thinking(content);
    return new Decoded.Success(new Completion(
        text.toString(),
        model == null ? "" : model,
        FinishReason.fromProvider(Json.text(root, "stop_reason")),
        usage(usage),
        null,
        ThinkingBlocks.text(thinking),
        toolCalls,
        thinking));
  }

  /**
   * The {@code thinking} ({@code thinking}, {@code signature}) and {@code redacted_thinking}
   * ({@code data}) blocks of a content array, unchanged and in order: Anthropic requires them back
   * as they were given.
   */
  private static List<ThinkingBlock> thinking(JsonNode content) {
    List<ThinkingBlock> blocks = null;
    for (JsonNode block : content) {
      String type = Json.text(block, "type");
      ThinkingBlock b = "thinking".equals(type)
          ? ThinkingBlock.of(block.path("thinking").asText(""), Json.text(block, "signature"))
          : "redacted_thinking".equals(type) ? ThinkingBlock.redacted(block.path("data").asText(""))
          : null;
      if (b != null) {
        blocks = blocks == null ? new ArrayList<>(2) : blocks;
        blocks.add(b);
      }
    }
    return blocks == null ? List.of() : blocks;
  }

  /** {@code calls} and the call of a {@code tool_use} block. */
  private static List<ToolCall> toolCall(List<ToolCall> calls, JsonNode block) {
    List<ToolCall> more = new ArrayList<>(calls);
    String id = Json.text(block, "id");
    String name = Json.text(block, "name");
    JsonNode input = block.path("input");
    more.add(new ToolCall(id == null ? "toolu_" + calls.size() : id, name == null ? "" : name,
        input.isMissingNode() ? "{}" : input.toString()));
    return more;
  }

  /** Anthropic reports cache reads and writes beside {@code input_tokens}; they are prompt tokens. */
  private static Usage usage(JsonNode usage) {
    int cacheRead = usage.path("cache_read_input_tokens").asInt(0);
    int cacheWrite = usage.path("cache_creation_input_tokens").asInt(0);
    return new Usage(usage.path("input_tokens").asInt(0) + cacheRead + cacheWrite,
        usage.path("output_tokens").asInt(0), cacheRead, 0);
  }

  @Override
  public String requestId(HttpHeaders headers) {
    return Headers.first(headers, "request-id", "x-request-id");
  }

  @Override
  public StreamAssembler newStreamAssembler() {
    return new AnthropicStreamAssembler();
  }
}
