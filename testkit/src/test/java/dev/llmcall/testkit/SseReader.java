package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small server-sent events reader over a java.net.http response body, reading events as they arrive:
 * the test side of the fake's streams. Closing it closes the body, which cancels the response.
 */
final class SseReader implements AutoCloseable {

  /**
   * One event as received.
   *
   * @param id the {@code id:} field, or null
   * @param name the {@code event:} field, or null
   * @param data the {@code data:} field
   * @param arrivedNanos {@link System#nanoTime()} when the event's blank line was read
   */
  record Event(String id, String name, String data, long arrivedNanos) {
    JsonNode json() {
      return Http.jsonOf(data);
    }
  }

  private final HttpResponse<InputStream> response;
  private final BufferedReader reader;
  private final List<String> comments = new ArrayList<>();

  private SseReader(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** Posts {@code body} to {@code uri} and returns once the response headers are in. */
  static SseReader post(URI uri, String body) throws IOException, InterruptedException {
    return new SseReader(Http.postForStream(uri, body));
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The comment lines read so far, without the leading colon and space. */
  List<String> comments() {
    return comments;
  }

  /**
   * The next event, or null once the body has ended cleanly.
   *
   * @throws IOException when the body ends abruptly (a cut connection) or mid-event
   */
  Event next() throws IOException {
    String id = null;
    String name = null;
    String data = null;
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        if (data != null || name != null) {
          throw new IOException("body ended inside an event");
        }
        return null;
      }
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(id, name, data, System.nanoTime());
        }
      } else if (line.startsWith(":")) {
        comments.add(line.substring(1).strip());
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "id" -> id = value;
          case "event" -> name = value;
          case "data" -> data = data == null ? value : data + "\n" + value;
          default -> throw new IOException("unexpected SSE field: " + line);
        }
      }
    }
  }

  /** Every remaining event, up to the clean end of the body. */
  List<Event> rest() throws IOException {
    List<Event> events = new ArrayList<>();
    for (Event e = next(); e != null; e = next()) {
      events.add(e);
    }
    return events;
  }

  /** Reads comment lines (and blank lines) until {@code count} comments have been seen in all. */
  void awaitComments(int count) throws IOException {
    while (comments.size() < count) {
      String line = reader.readLine();
      if (line == null) {
        throw new IOException("body ended while waiting for comments");
      }
      if (line.startsWith(":")) {
        comments.add(line.substring(1).strip());
      } else {
        assertNull(line.isEmpty() ? null : line, "expected only comments while stalled");
      }
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
