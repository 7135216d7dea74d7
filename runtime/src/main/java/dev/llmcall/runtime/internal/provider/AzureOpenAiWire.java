package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.internal.transport.Headers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Azure OpenAI: OpenAI Chat Completions bodies, at {@code POST
 * {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version}} with the key
 * in {@code api-key}, or a Microsoft Entra ID token as a bearer token. The call site's model is the
 * deployment's name. Its error and content-filter shapes are the classifier's. Internal: not part
 * of the API.
 */
enum AzureOpenAiWire implements ProviderWire {
  /** Authenticated by the resource's key. */
  INSTANCE("api-key", ""),
  /** Authenticated by a Microsoft Entra ID access token. */
  ENTRA_ID("Authorization", "Bearer ");

  private final String authHeader;
  private final String scheme;

  AzureOpenAiWire(String authHeader, String scheme) {
    this.authHeader = authHeader;
    this.scheme = scheme;
  }

  @Override
  public URI callUri(URI baseUrl, String model, String apiVersion) {
    Objects.requireNonNull(model, "an Azure OpenAI endpoint needs the deployment (the model)");
    return URI.create(baseUrl + "/openai/deployments/" + encode(model)
        + "/chat/completions?api-version=" + encode(version(apiVersion)));
  }

  @Override
  public URI probeUri(URI baseUrl, String apiVersion) {
    return URI.create(baseUrl + "/openai/models?api-version=" + encode(version(apiVersion)));
  }

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String credential) {
    return request.setHeader(authHeader, scheme + credential);
  }

  @Override
  public byte[] encode(Endpoint endpoint, CallSite site, Prompt prompt) {
    return OpenAiWire.INSTANCE.encode(endpoint, site, prompt);
  }

  @Override
  public Decoded decode(byte[] body) {
    return OpenAiWire.INSTANCE.decode(body);
  }

  @Override
  public StreamAssembler newStreamAssembler() {
    return OpenAiWire.INSTANCE.newStreamAssembler();
  }

  /** Azure's own id ({@code apim-request-id}) is the one its support asks for. */
  @Override
  public String requestId(HttpHeaders headers) {
    return Headers.first(headers, "apim-request-id", "x-request-id");
  }

  private static String version(String apiVersion) {
    return apiVersion != null ? apiVersion : dev.llmcall.runtime.ProviderConfig.AZURE_OPENAI_API_VERSION;
  }

  private static String encode(String pathOrQueryPart) {
    return URLEncoder.encode(pathOrQueryPart, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
