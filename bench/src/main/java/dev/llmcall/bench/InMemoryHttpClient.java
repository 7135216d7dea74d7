package dev.llmcall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} with no network: every request is answered at once, on the calling thread,
 * with the end-to-end upstream's canned 200 response for its path (under {@code /sse/}: the
 * stream; otherwise: the chat completion), whose body is pushed to the body handler's subscriber
 * in one buffer. The request body is read, as a real client would. It takes the network, and the JDK
 * client's threads, out of a measurement, so what is left is what a client library itself costs.
 */
final class InMemoryHttpClient extends HttpClient {
  /** The end-to-end upstream's OpenAI chat completion: its nginx.conf returns it inline. */
  static final byte[] OPENAI_ANSWER = cannedAnswer("/json/v1/chat/completions");

  /** The end-to-end upstream's 50-chunk OpenAI stream. */
  static final byte[] OPENAI_STREAM = resource("/e2e/upstream/openai-stream.sse");

  private static final HttpHeaders JSON = headers("application/json");
  private static final HttpHeaders SSE = headers("text/event-stream");

  private static HttpHeaders headers(String contentType) {
    return HttpHeaders.of(Map.of("content-type", List.of(contentType),
        "x-request-id", List.of("req_bench")), (name, value) -> true);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    request.bodyPublisher().ifPresent(p -> p.subscribe(new Drain()));
    boolean stream = request.uri().getPath().startsWith("/sse/");
    HttpHeaders headers = stream ? SSE : JSON;
    byte[] body = stream ? OPENAI_STREAM : OPENAI_ANSWER;
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return 200;
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public Version version() {
        return Version.HTTP_1_1;
      }
    });
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
    subscriber.onNext(List.of(ByteBuffer.wrap(body)));
    subscriber.onComplete();
    T value = subscriber.getBody().toCompletableFuture().join();
    return new Response<>(request, headers, value);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return CompletableFuture.completedFuture(send(request, handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return null;
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  /** The body of {@code return 200 '...'} in the nginx.conf location for {@code path}. */
  private static byte[] cannedAnswer(String path) {
    String conf = new String(resource("/e2e/nginx.conf"), StandardCharsets.UTF_8);
    int location = conf.indexOf("location = " + path + " {");
    int start = conf.indexOf("return 200 '", location) + "return 200 '".length();
    int end = conf.indexOf("';", start);
    if (location < 0 || end < 0) {
      throw new IllegalStateException("nginx.conf has no canned answer for " + path);
    }
    return conf.substring(start, end).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = InMemoryHttpClient.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a request body to its end. */
  private static final class Drain implements Flow.Subscriber<ByteBuffer> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  private record Response<T>(HttpRequest request, HttpHeaders headers, T body)
      implements HttpResponse<T> {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }
}
