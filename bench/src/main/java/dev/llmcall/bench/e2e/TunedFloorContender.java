package dev.llmcall.bench.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The tuned floor (issue #11): what a careful hand-written client can do with the JDK and
 * jackson-core alone, and so the real limit for llmcall. The HttpClient runs its tasks inline
 * ({@code Runnable::run}) and asks for HTTP/1.1 on plain {@code http://} (no {@code Upgrade: h2c}
 * on every request); the answer and every SSE chunk are read with Jackson's streaming parser,
 * straight from the bytes, with no tree and no line strings. No retries, no breaker, no timeouts,
 * no classification. {@link FloorContender} is the naive floor (readTree, default client).
 */
public final class TunedFloorContender implements Contender {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private HttpClient http;
  private URI jsonUri;
  private URI sseUri;

  public TunedFloorContender() {}

  /** Over a given client, for the microbenchmarks' in-memory one. */
  public TunedFloorContender(HttpClient http) {
    this.http = http;
  }

  @Override
  public void open(URI jsonBase, URI sseBase) {
    if (http == null) {
      HttpClient.Builder b = HttpClient.newBuilder().executor(Runnable::run);
      http = (jsonBase.getScheme().equals("http") ? b.version(HttpClient.Version.HTTP_1_1) : b).build();
    }
    jsonUri = URI.create(jsonBase + "/chat/completions");
    sseUri = URI.create(sseBase + "/chat/completions");
  }

  /** The request body, written by hand as bytes. */
  public static byte[] body(String text, boolean stream) {
    StringBuilder sb = new StringBuilder(192)
        .append("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"");
    JsonStringEncoder.getInstance().quoteAsString("Summarize: " + text, sb);
    return sb.append(stream ? "\"}],\"stream\":true}" : "\"}]}").toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private HttpRequest request(URI uri, String text, boolean stream) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer bench-key")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(text, stream)))
        .build();
  }

  @Override
  public String call(String text) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(request(jsonUri, text, false), HttpResponse.BodyHandlers.ofByteArray());
    return answer(response);
  }

  /** {@link #call} with {@code sendAsync}: for the async and many-streams modes of E2eMain. */
  public CompletableFuture<String> callAsync(String text) {
    return http.sendAsync(request(jsonUri, text, false), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> {
          try {
            return answer(r);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static String answer(HttpResponse<byte[]> response) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    byte[] body = response.body();
    return content(body, 0, body.length, "message");
  }

  /**
   * {@code choices[0].<field>.content} of one JSON object in {@code b[off, off + len)}, read in one
   * pass of the byte parser; {@code null} if absent.
   */
  public static String content(byte[] b, int off, int len, String field) throws IOException {
    try (JsonParser p = JSON.createParser(b, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("choices") && value == JsonToken.START_ARRAY) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
          }
          return contentOf(p, field);
        }
        p.skipChildren();
      }
      return null;
    }
  }

  /** Inside the first choice: {@code <field>.content}. */
  private static String contentOf(JsonParser p, String field) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals(field) && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String inner = p.currentName();
          JsonToken v = p.nextToken();
          if (inner.equals("content")) {
            return v == JsonToken.VALUE_STRING ? p.getText() : null;
          }
          p.skipChildren();
        }
        return null;
      }
      p.skipChildren();
    }
    return null;
  }

  @Override
  public int stream(String text) throws IOException, InterruptedException {
    int[] chars = new int[1];
    stream(text, chunk -> chars[0] += chunk.length());
    return chars[0];
  }

  /** A stream read on the calling thread; each chunk's text goes to {@code onChunk} as it comes. */
  public void stream(String text, Consumer<String> onChunk) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request(sseUri, text, true), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      readEvents(in, onChunk);
    }
  }

  /** Reads SSE events from {@code in} on the calling thread until {@code [DONE]} or its end. */
  static void readEvents(InputStream in, Consumer<String> onChunk) throws IOException {
    Events events = new Events(onChunk);
    while (!events.done()) {
      byte[] buf = events.room();
      int n = in.read(buf, events.end, buf.length - events.end);
      if (n < 0) {
        return;
      }
      events.end += n;
      events.lines();
    }
  }

  /**
   * SSE {@code data:} lines parsed from the bytes as they arrive, without a string per line: fed by
   * an InputStream (pull) or by the HTTP client's body subscriber (push).
   */
  static final class Events {
    private final Consumer<String> onChunk;
    private byte[] buf = new byte[8192];
    private int start;
    int end;
    private boolean done;

    Events(Consumer<String> onChunk) {
      this.onChunk = onChunk;
    }

    boolean done() {
      return done;
    }

    /** The buffer, with room after {@code end}. */
    byte[] room() {
      if (start > 0) { // keep the partial line at the front
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      return buf;
    }

    /** Push side: takes a buffer from the HTTP client. */
    void feed(ByteBuffer b) throws IOException {
      while (b.hasRemaining() && !done) {
        byte[] to = room();
        int n = Math.min(b.remaining(), to.length - end);
        b.get(to, end, n);
        end += n;
        lines();
      }
    }

    /** Handles every complete line in the buffer. */
    void lines() throws IOException {
      int nl;
      while (!done && (nl = indexOf(buf, start, end, (byte) '\n')) >= 0) {
        int lineEnd = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
        if (startsWith(buf, start, lineEnd, DATA)) {
          int from = start + DATA.length;
          if (lineEnd - from == DONE.length && startsWith(buf, from, lineEnd, DONE)) {
            done = true;
          } else {
            String chunk = content(buf, from, lineEnd - from, "delta");
            if (chunk != null) {
              onChunk.accept(chunk);
            }
          }
        }
        start = nl + 1;
      }
    }
  }

  private static int indexOf(byte[] b, int from, int to, byte x) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A stream without a waiting thread (push side), for E2eMain's many-streams mode: sent with
   * {@code sendAsync}, its body parsed where the client delivers it (its selector thread, with the
   * inline executor); the future completes with the number of characters received.
   */
  public CompletableFuture<Integer> streamAsync(String text) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    int[] chars = new int[1];
    Events events = new Events(chunk -> chars[0] += chunk.length());
    http.sendAsync(request(sseUri, text, true), info -> new HttpResponse.BodySubscriber<Void>() {
      private Flow.Subscription subscription;

      @Override
      public CompletableFuture<Void> getBody() {
        return done.thenApply(n -> null);
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        try {
          for (ByteBuffer b : items) {
            events.feed(b);
          }
        } catch (IOException | RuntimeException e) {
          subscription.cancel();
          done.completeExceptionally(e);
        }
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(chars[0]);
      }
    }).whenComplete((r, t) -> {
      if (t != null) {
        done.completeExceptionally(t);
      }
    });
    return done;
  }
}
