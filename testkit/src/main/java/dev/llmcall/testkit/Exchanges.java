package dev.llmcall.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** How the {@link FakeLlmServer} writes headers and whole (not streamed) bodies on an exchange. */
final class Exchanges {

  private Exchanges() {}

  /** Both base URLs give {@code /v1/models}: Anthropic's clients say who they are in a header. */
  static WireFormat modelsFormat(HttpExchange exchange) {
    return exchange.getRequestHeaders().containsKey("anthropic-version")
        ? WireFormat.ANTHROPIC : WireFormat.OPENAI;
  }

  /** The content type, the request id and the reply's own headers. */
  static void setHeaders(HttpExchange exchange, WireFormat format, FakeReply reply,
      String contentType, String requestId) {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set(format.requestIdHeader(), requestId);
    for (Map.Entry<String, String> header : reply.headers()) {
      headers.add(header.getKey(), header.getValue());
    }
  }

  /** A models list naming {@code model}, or the format's usual model when it is null. */
  static void sendModels(HttpExchange exchange, WireFormat format, String model, String requestId)
      throws IOException {
    String name = model != null ? model
        : format == WireFormat.ANTHROPIC ? "claude-sonnet-4-5" : "gpt-4o-mini";
    sendJson(exchange, format, 200, format.modelsBody(name).toString(), requestId);
  }

  /** A 404 (no such endpoint) or 405 (wrong method) in {@code format}'s error shape. */
  static void sendRouteError(HttpExchange exchange, WireFormat format, int status, String code,
      String requestId) throws IOException {
    String message = (status == 404 ? "Unknown request URL: " : "Method not allowed: ")
        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
        + ". The fake serves POST .../chat/completions, POST /v1/messages and GET .../models.";
    sendJson(exchange, format, status, format.errorBody(status, code, message, requestId).toString(),
        requestId);
  }

  private static void sendJson(HttpExchange exchange, WireFormat format, int status, String body,
      String requestId) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set(format.requestIdHeader(), requestId);
    send(exchange, status, body);
  }

  /** Sends the status and {@code body} with a Content-Length, then ends the response. */
  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1); // no body: Content-Length 0
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length); // sets Content-Length
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
