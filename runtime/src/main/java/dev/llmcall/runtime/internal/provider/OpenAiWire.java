package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.internal.transport.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * OpenAI Chat Completions, also spoken by xAI and OpenAI-compatible servers (vLLM, Ollama,
 * OpenRouter, gateways): {@code POST {base}/chat/completions} with a bearer token. Internal: not
 * part of the API.
 */
enum OpenAiWire implements ProviderWire {
  INSTANCE;

  @Override
  public URI callUri(URI baseUrl, String model, String apiVersion) {
    return URI.create(baseUrl + "/chat/completions");
  }

  @Override
  public URI probeUri(URI baseUrl, String apiVersion) {
    return URI.create(baseUrl + "/models");
  }

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String credential) {
    return request.setHeader("Authorization", "Bearer " + credential);
  }

  @Override
  public byte[] encode(Endpoint endpoint, CallSite site, Prompt prompt) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", site.model());
      OpenAiMessages.write(g, prompt);
      if (prompt.tools() != null) {
        OpenAiMessages.tools(g, prompt.tools().definitions());
      }
      if (prompt.stream()) {
        g.writeBooleanField("stream", true);
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      if (site.maxTokens() != null) {
        // OpenAI deprecated max_tokens for max_completion_tokens (reasoning models reject the old
        // name); xAI and most compatible servers only know max_tokens.
        g.writeNumberField(
            "openai".equals(endpoint.provider()) ? "max_completion_tokens" : "max_tokens",
            site.maxTokens());
      }
      if (prompt.output() != null) {
        // Structured Outputs: the schema is enforced by the provider, strictly.
        g.writeObjectFieldStart("response_format");
        g.writeStringField("type", "json_schema");
        g.writeObjectFieldStart("json_schema");
        g.writeStringField("name", prompt.output().name());
        g.writeBooleanField("strict", true);
        g.writeFieldName("schema");
        g.writeRawValue(prompt.output().schema());
        g.writeEndObject();
        g.writeEndObject();
      }
      if (site.temperature() != null) {
        g.writeNumberField("temperature", site.temperature());
      }
      CallSite.Options o = site.options();
      if (o.topP() != null) {
        g.writeNumberField("top_p", o.topP());
      }
      if (!o.stop().isEmpty()) {
        g.writeArrayFieldStart("stop");
        for (String s : o.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (o.seed() != null) {
        g.writeNumberField("seed", o.seed());
      }
      if (o.reasoningEffort() != null) {
        g.writeStringField("reasoning_effort", o.reasoningEffort());
      }
      // thinkingBudget is Anthropic's; the processor rejects it for OpenAI-wire providers.
      g.writeEndObject();
    });
  }

  @Override
  public Decoded decode(byte[] body) {
    OpenAiFields answer;
    try {
      answer = OpenAiFields.read(body, "message");
    } catch (IOException e) {
      return new Decoded.Failure(Classification.unreadable("the success body is not JSON"));
    }
    if (!answer.choice) {
      return new Decoded.Failure(Classification.unreadable("the response has no choices"));
    }
    // A refusal (with finish_reason stop) or a content_filter stop is a result here; the engine
    // decides whether the method's return type can hold it.
    Completion c = new Completion(
        answer.content == null ? "" : answer.content,
        answer.model == null ? "" : answer.model,
        FinishReason.fromProvider(answer.finishReason),
        answer.usage(),
        answer.refusal,
        answer.reasoning,
        answer.toolCalls == null ? List.of() : answer.toolCalls.calls(),
        List.of());
    return new Decoded.Success(c);
  }

  @Override
  public String requestId(HttpHeaders headers) {
    return Headers.first(headers, "x-request-id");
  }

  @Override
  public StreamAssembler newStreamAssembler() {
    return new OpenAiStreamAssembler();
  }
}
