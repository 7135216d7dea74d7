package dev.llmcall.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.spi.CallSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

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
  public HttpRequest.Builder newRequest(Endpoint endpoint) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/v1/messages"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("anthropic-version", VERSION);
    if (endpoint.apiKey() != null) {
      b.header("x-api-key", endpoint.apiKey());
    }
    return b;
  }

  @Override
  public HttpRequest.Builder probeRequest(Endpoint endpoint) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/v1/models"))
        .header("Accept", "application/json")
        .header("anthropic-version", VERSION);
    if (endpoint.apiKey() != null) {
      b.header("x-api-key", endpoint.apiKey());
    }
    return b.GET();
  }

  @Override
  public byte[] encode(Endpoint endpoint, CallSite site, Prompt prompt) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", site.model());
      g.writeNumberField("max_tokens", site.maxTokens() > 0 ? site.maxTokens() : DEFAULT_MAX_TOKENS);
      if (prompt.system() != null) {
        g.writeStringField("system", prompt.system());
      }
      g.writeArrayFieldStart("messages");
      Json.message(g, "user", prompt.user());
      if (prompt.assistantPrefix() != null) {
        // Prefill: the model continues this assistant turn. It may not end in white space.
        Json.message(g, "assistant", prompt.assistantPrefix().stripTrailing());
      }
      g.writeEndArray();
      if (prompt.stream()) {
        g.writeBooleanField("stream", true);
      }
      if (site.hasTemperature()) {
        g.writeNumberField("temperature", site.temperature());
      }
      g.writeEndObject();
    });
  }

  @Override
  public Decoded decode(byte[] body) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IOException e) {
      return OpenAiWire.unreadable("the success body is not JSON");
    }
    JsonNode content = root.path("content");
    if (!content.isArray()) {
      return OpenAiWire.unreadable("the response has no content");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(Json.text(block, "type"))) {
        text.append(block.path("text").asText(""));
      }
    }
    String rawStop = Json.text(root, "stop_reason");
    if ("refusal".equals(rawStop)) {
      return OpenAiWire.contentFilter("the model refused (stop_reason refusal)"
          + (text.length() == 0 ? "" : ": " + text));
    }
    String model = Json.text(root, "model");
    JsonNode usage = root.path("usage");
    return new Decoded.Success(new Completion(
        text.toString(),
        model == null ? "" : model,
        FinishReason.fromProvider(rawStop),
        new Usage(usage.path("input_tokens").asInt(0), usage.path("output_tokens").asInt(0))));
  }

  @Override
  public String requestId(HttpHeaders headers) {
    return headers.firstValue("request-id").orElse(headers.firstValue("x-request-id").orElse(null));
  }
}
