package dev.llmcall.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 for what the fake provider does not script: a body that stalls after its
 * headers, a stream of pings only, a raw event sequence cut by a dropped connection. Each
 * handler's wait is bounded, so nothing here can hang a test run.
 */
final class RawServer implements AutoCloseable {
  /** What one request gets. */
  interface Handler {
    void handle(HttpExchange exchange, RawServer server) throws IOException, InterruptedException;
  }

  private final HttpServer http;
  final CountDownLatch stalled = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger requests = new AtomicInteger();

  private RawServer(Handler handler) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "raw-server");
      t.setDaemon(true);
      return t;
    }));
    http.createContext("/", exchange -> {
      requests.incrementAndGet();
      try {
        handler.handle(exchange, this);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away: what the test wanted, usually
      } finally {
        exchange.close();
      }
    });
    http.start();
  }

  static RawServer start(Handler handler) throws IOException {
    return new RawServer(handler);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1");
  }

  /** Headers and a first piece of a JSON body, then nothing until released (10 s at most). */
  static Handler stallingBody() {
    return (exchange, server) -> {
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, 1000);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"choices\":[".getBytes(StandardCharsets.UTF_8));
      out.flush();
      server.stalled.countDown();
      server.release.await(10, TimeUnit.SECONDS);
    };
  }

  /** A stream of events written as given, then more pings until released (10 s at most). */
  static Handler events(String raw, boolean pingsAfter) {
    return (exchange, server) -> {
      exchange.getResponseHeaders().add("content-type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(raw.getBytes(StandardCharsets.UTF_8));
      out.flush();
      server.stalled.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pingsAfter && System.nanoTime() < end && server.release.getCount() > 0) {
        out.write("event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        server.release.await(20, TimeUnit.MILLISECONDS);
      }
    };
  }

  /** A JSON answer of {@code size} bytes. */
  static Handler largeAnswer(int size) {
    return (exchange, server) -> {
      byte[] body = new byte[size];
      java.util.Arrays.fill(body, (byte) ' ');
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  @Override
  public void close() {
    release.countDown();
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }
}
