package dev.llmcall.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundedBody} reads a body whole, with or without a declared length, however it arrives,
 * and stops at its limit.
 */
class BoundedBodyTest {

  @Test
  void bodyWithoutLengthInOneDeliveryIsReadWhole() throws Exception {
    assertEquals("hello", read(100, null, "hello"));
  }

  @Test
  void bodyWithoutLengthInPiecesIsReadWhole() throws Exception {
    String big = "x".repeat(20_000);
    assertEquals("ab" + big + "c", read(100_000, null, "ab", big, "c"));
  }

  @Test
  void bodyWithDeclaredLengthIsReadWhole() throws Exception {
    assertEquals("hello world", read(100, "11", "hello ", "world"));
    assertEquals("short", read(100, "11", "short"));
  }

  @Test
  void emptyBodies() throws Exception {
    assertEquals("", read(100, null));
    assertEquals("", read(100, "0"));
    assertEquals("", read(100, null, ""));
  }

  @Test
  void bodyPastTheLimitFails() {
    ExecutionException undeclared =
        assertThrows(ExecutionException.class, () -> read(4, null, "hello"));
    assertInstanceOf(BoundedBody.TooLarge.class, undeclared.getCause());
    ExecutionException inPieces =
        assertThrows(ExecutionException.class, () -> read(4, null, "hel", "lo"));
    assertInstanceOf(BoundedBody.TooLarge.class, inPieces.getCause());
    ExecutionException declared =
        assertThrows(ExecutionException.class, () -> read(4, "5", "hello"));
    assertInstanceOf(BoundedBody.TooLarge.class, declared.getCause());
  }

  /** A 200 with {@code headers}. */
  private record Ok(HttpHeaders headers) implements HttpResponse.ResponseInfo {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  /** Delivers {@code pieces} one {@code onNext} each, as a client would. */
  private static String read(long maxBytes, String contentLength, String... pieces)
      throws Exception {
    BoundedBody body = new BoundedBody(maxBytes);
    HttpHeaders headers = HttpHeaders.of(contentLength == null ? Map.of()
        : Map.of("content-length", List.of(contentLength)), (n, v) -> true);
    HttpResponse.BodySubscriber<byte[]> s = body.apply(new Ok(headers));
    s.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
    for (String piece : pieces) {
      s.onNext(List.of(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8))));
    }
    s.onComplete();
    byte[] bytes = s.getBody().toCompletableFuture().get();
    assertArrayEquals(String.join("", pieces).getBytes(StandardCharsets.UTF_8), bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
