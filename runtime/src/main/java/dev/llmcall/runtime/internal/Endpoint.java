package dev.llmcall.runtime.internal;

import dev.llmcall.runtime.ProviderConfig.Wire;
import java.net.URI;
import java.util.Objects;

/**
 * A resolved provider, as the transport needs it. Holds the API key, so {@link #toString()}
 * leaves it out. Internal: not part of the API.
 */
public record Endpoint(String provider, Wire wire, URI baseUrl, String apiKey) {
  public Endpoint {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(wire, "wire == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
  }

  @Override
  public String toString() {
    return "Endpoint{provider=" + provider + ", wire=" + wire + ", baseUrl=" + baseUrl
        + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>") + "}";
  }
}
