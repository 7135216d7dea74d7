package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.Cost;
import dev.llmcall.runtime.ModelPrice;
import dev.llmcall.runtime.PriceTable;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Usage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A resolved provider for one call site, as the transport needs it: its wire format, resolved
 * once; the URIs its calls and health probes go to, built once; how to get the credential of an
 * attempt; the extra headers of every request; the values to redact; and the prices its usage is
 * costed at. Holds secrets, so {@link #toString()} leaves them out. Internal: not part of the API.
 *
 * @param apiKey the fixed key, or {@code null} (none, or {@code credentials} supply it)
 * @param credentials asked for the credential of each attempt, or {@code null} for {@code apiKey}
 * @param headers extra headers of every request, names as given
 * @param secrets values besides the credentials to redact from every message (secret headers)
 */
public record Endpoint(String provider, ProviderWire wire, URI baseUrl, String apiKey, URI callUri,
    URI probeUri, Supplier<String> credentials, Map<String, String> headers, List<String> secrets,
    PriceTable prices) {
  public Endpoint {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(wire, "wire == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    Objects.requireNonNull(callUri, "callUri == null");
    Objects.requireNonNull(probeUri, "probeUri == null");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    secrets = List.copyOf(secrets);
    Objects.requireNonNull(prices, "prices == null");
  }

  /** A provider with a fixed key (or none), no extra headers and no prices. */
  public Endpoint(String provider, ProviderConfig.Wire wire, URI baseUrl, String apiKey) {
    this(provider, ProviderWire.of(wire), baseUrl, apiKey, ProviderWire.of(wire).callUri(baseUrl, null, null),
        ProviderWire.of(wire).probeUri(baseUrl, null), null, Map.of(), List.of(), PriceTable.empty());
  }

  /**
   * The endpoint for calls to {@code model}; {@code apiVersion} is Azure OpenAI's, or null, and
   * {@code entraId} says that Azure's credentials are Entra ID tokens, sent as bearer tokens.
   */
  public static Endpoint resolve(String provider, ProviderConfig.Wire wireKind, URI baseUrl,
      String model, String apiVersion, String apiKey, Supplier<String> credentials, boolean entraId,
      Map<String, String> headers, List<String> secrets, PriceTable prices) {
    ProviderWire wire = entraId && wireKind == ProviderConfig.Wire.AZURE_OPENAI_CHAT
        ? AzureOpenAiWire.ENTRA_ID : ProviderWire.of(wireKind);
    return new Endpoint(provider, wire, baseUrl, apiKey, wire.callUri(baseUrl, model, apiVersion),
        wire.probeUri(baseUrl, apiVersion), credentials, headers, secrets, prices);
  }

  /**
   * The credential for one attempt or probe: the supplier's current value, or the fixed key;
   * {@code null} if there is none. A supplier's exception is the caller's to handle.
   */
  public String credential() {
    if (credentials == null) {
      return apiKey;
    }
    String value = credentials.get();
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Whether a supplier gives the credentials, so an empty answer is a failure. */
  public boolean suppliesCredentials() {
    return credentials != null;
  }

  /** Sets the extra headers on {@code b}, replacing any of the same name the wire set. */
  HttpRequest.Builder addHeaders(HttpRequest.Builder b) {
    if (!headers.isEmpty()) { // most have none: no method reference per request
      headers.forEach(b::setHeader);
    }
    return b;
  }

  /**
   * What {@code usage} cost at this endpoint's prices: by the model that answered if it is known,
   * else by the model asked for; {@code null} if neither has a price.
   */
  public Cost cost(String answeredModel, String askedModel, Usage usage) {
    Optional<ModelPrice> price = prices.price(answeredModel);
    if (price.isEmpty()) {
      price = prices.price(askedModel);
    }
    return price.isEmpty() ? null : price.get().cost(usage);
  }

  @Override
  public String toString() {
    String key = credentials != null ? "<supplied>" : apiKey == null ? "<none>" : "<redacted>";
    return "Endpoint{provider=" + provider + ", wire=" + wire.getClass().getSimpleName()
        + ", baseUrl=" + baseUrl + ", apiKey=" + key + ", headers=" + headers.keySet() + "}";
  }
}
