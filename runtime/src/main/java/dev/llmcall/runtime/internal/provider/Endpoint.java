package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ProviderConfig;
import java.net.URI;
import java.util.Objects;

/**
 * A resolved provider, as the transport needs it: its wire format, resolved once, and the URI its
 * calls go to, parsed once. Holds the API key, so {@link #toString()} leaves it out. Internal: not
 * part of the API.
 */
public record Endpoint(String provider, ProviderWire wire, URI baseUrl, String apiKey, URI callUri) {
  public Endpoint {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(wire, "wire == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    Objects.requireNonNull(callUri, "callUri == null");
  }

  public Endpoint(String provider, ProviderConfig.Wire wire, URI baseUrl, String apiKey) {
    this(provider, ProviderWire.of(wire), baseUrl, apiKey, ProviderWire.of(wire).callUri(baseUrl));
  }

  @Override
  public String toString() {
    return "Endpoint{provider=" + provider + ", wire=" + wire.getClass().getSimpleName()
        + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>") + "}";
  }
}
