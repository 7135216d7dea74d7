package dev.llmcall.bench.e2e;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The floor: the JDK's HttpClient and Jackson's readTree, written by hand, with no reliability at
 * all (no retries, no breaker, no classification, no timeouts beyond the JDK's).
 */
public final class FloorContender implements Contender {
  private final ObjectMapper mapper = new ObjectMapper();
  private HttpClient http;
  private URI jsonUri;
  private URI sseUri;

  public FloorContender() {}

  /** Over a given client, for the microbenchmarks' in-memory one. */
  public FloorContender(HttpClient http) {
    this.http = http;
  }

  @Override
  public void open(URI jsonBase, URI sseBase) {
    http = http != null ? http : HttpClient.newHttpClient();
    jsonUri = URI.create(jsonBase + "/chat/completions");
    sseUri = URI.create(sseBase + "/chat/completions");
  }

  /** The request body, written by hand. */
  public static String body(String text, boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString("Summarize: " + text)) + "\"}]"
        + (stream ? ",\"stream\":true}" : "}");
  }

  private HttpRequest request(URI uri, String text, boolean stream) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer bench-key")
        .POST(HttpRequest.BodyPublishers.ofString(body(text, stream)))
        .build();
  }

  @Override
  public String call(String text) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(request(jsonUri, text, false), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return answer(response.body());
  }

  /** The answer's text, read with readTree. */
  public String answer(byte[] body) throws IOException {
    return mapper.readTree(body).path("choices").path(0).path("message").path("content").asText();
  }

  @Override
  public int stream(String text) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response =
        http.send(request(sseUri, text, true), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    int chars = 0;
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (!line.startsWith("data: ")) {
          continue;
        }
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode delta = mapper.readTree(data).path("choices").path(0).path("delta").path("content");
        if (delta.isTextual()) {
          chars += delta.textValue().length();
        }
      }
    }
    return chars;
  }
}
