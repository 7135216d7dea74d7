package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A tiny java.net.http client for talking to a {@link FakeLlmServer} over 127.0.0.1. */
final class Http {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {}

  static URI chatCompletions(FakeLlmServer server) {
    return URI.create(server.openAiBaseUrl() + "/chat/completions");
  }

  static URI messages(FakeLlmServer server) {
    return URI.create(server.anthropicBaseUrl() + "/v1/messages");
  }

  /** A chat request body with one user message, valid for both wire formats. */
  static String chat(String model, String userText) {
    ObjectNode root = MAPPER.createObjectNode().put("model", model).put("max_tokens", 64);
    root.putArray("messages").addObject().put("role", "user").put("content", userText);
    return root.toString();
  }

  /** A chat body with the given messages as alternating role/content pairs. */
  static String chatWith(String model, String... roleContentPairs) {
    ObjectNode root = MAPPER.createObjectNode().put("model", model);
    ArrayNode messages = root.putArray("messages");
    for (int i = 0; i < roleContentPairs.length; i += 2) {
      messages.addObject().put("role", roleContentPairs[i]).put("content", roleContentPairs[i + 1]);
    }
    return root.toString();
  }

  /** A chat body asking for a stream, with {@code stream_options.include_usage} when {@code usage}. */
  static String streamChat(String model, String userText, boolean usage) {
    ObjectNode root = (ObjectNode) Http.jsonOf(chat(model, userText));
    root.put("stream", true);
    if (usage) {
      root.putObject("stream_options").put("include_usage", true);
    }
    return root.toString();
  }

  /** Posts and returns as soon as the headers arrive, with the body to read as it comes. */
  static HttpResponse<InputStream> postForStream(URI uri, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(request("POST", uri, body), HttpResponse.BodyHandlers.ofInputStream());
  }

  static HttpResponse<String> post(URI uri, String body, String... headers)
      throws IOException, InterruptedException {
    return CLIENT.send(request("POST", uri, body, headers), HttpResponse.BodyHandlers.ofString());
  }

  static CompletableFuture<HttpResponse<String>> postAsync(URI uri, String body) {
    return CLIENT.sendAsync(request("POST", uri, body), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> send(String method, URI uri, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return MAPPER.readTree(response.body());
  }

  static JsonNode jsonOf(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static HttpRequest request(String method, URI uri, String body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder.build();
  }
}
