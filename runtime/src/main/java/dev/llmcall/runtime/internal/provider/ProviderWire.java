package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.spi.CallSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

/**
 * One provider's wire format: how a prompt becomes an HTTP request and how a 2xx body becomes an
 * {@link Completion}. Error bodies are the classifier's job. Internal: not part of the API.
 */
public interface ProviderWire {

  /** The wire for a provider's format. */
  static ProviderWire of(ProviderConfig.Wire wire) {
    switch (wire) {
      case OPENAI_CHAT:
        return OpenAiWire.INSTANCE;
      case ANTHROPIC_MESSAGES:
        return AnthropicWire.INSTANCE;
      case AZURE_OPENAI_CHAT:
        return AzureOpenAiWire.INSTANCE;
      default:
        throw new AssertionError(wire);
    }
  }

  /**
   * A request builder with the URI and every header but the timeout: the wire's, the endpoint's
   * extra headers, and {@code credential} where this provider takes its key (none if {@code
   * null}). The body is added later.
   */
  default HttpRequest.Builder newRequest(Endpoint endpoint, String credential) {
    return request(endpoint, endpoint.callUri(), credential)
        .header("Content-Type", "application/json");
  }

  /**
   * A cheap authenticated request for a health check, to {@link Endpoint#probeUri()}, with the
   * endpoint's extra headers and {@code credential}.
   */
  default HttpRequest.Builder probeRequest(Endpoint endpoint, String credential) {
    return request(endpoint, endpoint.probeUri(), credential).GET();
  }

  /** Puts {@code credential} in the header this provider takes its key in. */
  HttpRequest.Builder authorize(HttpRequest.Builder request, String credential);

  /**
   * Adds the headers this wire puts on every request; the endpoint's extra headers come after, and
   * may replace them.
   */
  default HttpRequest.Builder wireHeaders(HttpRequest.Builder request) {
    return request;
  }

  private HttpRequest.Builder request(Endpoint endpoint, URI uri, String credential) {
    HttpRequest.Builder b = endpoint.addHeaders(
        wireHeaders(builder(uri).header("Accept", "application/json")));
    return credential == null ? b : authorize(b, credential);
  }

  /**
   * A request builder for {@code uri}. Plain {@code http://} asks for HTTP/1.1: the JDK's default
   * HTTP/2 would put an {@code Upgrade: h2c} offer on every request, which the servers found at
   * such addresses (local inference servers, gateways, sidecars) do not take up. {@code https://}
   * keeps HTTP/2, negotiated in the TLS handshake.
   */
  static HttpRequest.Builder builder(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    return "http".equalsIgnoreCase(uri.getScheme()) ? b.version(HttpClient.Version.HTTP_1_1) : b;
  }

  /**
   * Where calls to {@code model} at a provider at {@code baseUrl} go; {@code apiVersion} is Azure
   * OpenAI's, or {@code null}.
   */
  URI callUri(URI baseUrl, String model, String apiVersion);

  /** Where health probes go: the provider's model list. */
  URI probeUri(URI baseUrl, String apiVersion);

  /** The JSON body for one prompt. */
  byte[] encode(Endpoint endpoint, CallSite site, Prompt prompt);

  /**
   * Reads a 2xx body. A refusal or a content-filter stop is a {@link Decoded.Failure} of category
   * {@link ErrorCategory#CONTENT_FILTER}; an unreadable body is one of {@link ErrorCategory#UNKNOWN}.
   */
  Decoded decode(byte[] body);

  /**
   * {@link #decode(byte[])} for a body that answers {@code asked}: a wire whose structured result
   * comes as a tool call (Anthropic's answer tool) tells it apart from the tools the model asks
   * for here.
   */
  default Decoded decode(byte[] body, Prompt asked) {
    return decode(body);
  }

  /** A new assembler for one streamed attempt's events, in this wire's format. */
  StreamAssembler newStreamAssembler();

  /** The provider's request id from the response headers, or {@code null}. */
  String requestId(HttpHeaders headers);

  /** The outcome of reading a 2xx body: a response or a failure. */
  sealed interface Decoded {
    /** A usable response. */
    record Success(Completion completion) implements Decoded {}

    /** A 2xx body that is still a failure. */
    record Failure(Classification classification) implements Decoded {}
  }
}
