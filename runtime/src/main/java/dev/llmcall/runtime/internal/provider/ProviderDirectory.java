package dev.llmcall.runtime.internal.provider;

import dev.llmcall.runtime.ProviderConfig;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Where a runtime finds its providers: those registered on its builder, else the environment it
 * was given, read as the official SDKs read it ({@code OPENAI_API_KEY}, {@code ANTHROPIC_BASE_URL},
 * {@code AZURE_OPENAI_ENDPOINT}, ...; any other name {@code foo-bar} from {@code FOO_BAR_BASE_URL}
 * and {@code FOO_BAR_API_KEY}), and the messages that say what to set when one is missing.
 * Immutable. Internal: not part of the API.
 */
public final class ProviderDirectory {
  private static final String AZURE = "azure";

  private final Map<String, ProviderConfig> providers;
  private final Map<String, String> environment;
  /** Whether the builder was given an environment; a missing-key message depends on it. */
  private final boolean environmentGiven;

  public ProviderDirectory(Map<String, ProviderConfig> providers, Map<String, String> environment,
      boolean environmentGiven) {
    this.providers = Map.copyOf(providers);
    this.environment = Map.copyOf(environment);
    this.environmentGiven = environmentGiven;
  }

  /** The configuration of a provider, or {@code null} if none is known by that name. */
  public ProviderConfig find(String name) {
    ProviderConfig configured = providers.get(name);
    return configured != null ? configured : fromEnvironment(name);
  }

  /** The providers registered on the builder, by name. */
  public Map<String, ProviderConfig> registered() {
    return providers;
  }

  /**
   * The provider a method uses, with its key.
   *
   * @throws IllegalStateException naming the method and what to set, when it is missing
   */
  public ProviderConfig require(String name, String method) {
    ProviderConfig p = find(name);
    if (p == null && AZURE.equals(name)) {
      throw new IllegalStateException("No provider 'azure' is configured for " + method
          + ": set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY (and OPENAI_API_VERSION to change"
          + " the api-version), or register it with LlmRuntime.builder().provider(...)");
    }
    if (p == null) {
      throw new IllegalStateException("No provider '" + name + "' is configured for " + method
          + ": " + setVariables(envName(name) + "_BASE_URL (and " + envName(name)
          + "_API_KEY if it needs one)")
          + ", or register it with LlmRuntime.builder().provider(...)");
    }
    if (p.requiresApiKey() && !p.hasApiKey()) {
      throw new IllegalStateException("No API key for provider '" + name + "' used by " + method
          + ": " + setVariables(p.apiKeyVariable())
          + ", or pass a key with LlmRuntime.builder().provider(...)");
    }
    return p;
  }

  /**
   * How to supply environment variables. A runtime from {@code builder()} without
   * {@code .environment(...)} never read them, so "set OPENAI_API_KEY" would mislead a user
   * whose variable is set (issue 15).
   */
  private String setVariables(String variables) {
    return environmentGiven
        ? "set " + variables
        : "this runtime was built with LlmRuntime.builder(), which does not read environment"
            + " variables, so " + variables + " was not looked at; add"
            + " .environment(System.getenv()) to the builder, or use LlmRuntime.fromEnvironment()";
  }

  private ProviderConfig fromEnvironment(String name) {
    if (AZURE.equals(name)) {
      return azureFromEnvironment();
    }
    String prefix = envName(name);
    String key = environment.get(prefix + "_API_KEY");
    String base = environment.get(prefix + "_BASE_URL");
    ProviderConfig builtIn = builtIn(name, key);
    if (builtIn != null) {
      builtIn = withHeaderFrom(builtIn, "OPENAI_ORG_ID", "OpenAI-Organization");
      builtIn = withHeaderFrom(builtIn, "OPENAI_PROJECT_ID", "OpenAI-Project");
      return base == null || base.isBlank() ? builtIn : builtIn.withBaseUrl(URI.create(base.strip()));
    }
    if (base == null || base.isBlank()) {
      return null;
    }
    return ProviderConfig.openAiCompatible(name, URI.create(base.strip()), key);
  }

  /** As the official SDKs read them: the resource's endpoint, its key, and the api-version. */
  private ProviderConfig azureFromEnvironment() {
    String endpoint = environment.get("AZURE_OPENAI_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    String key = environment.get("AZURE_OPENAI_API_KEY");
    String token = environment.get("AZURE_OPENAI_AD_TOKEN");
    ProviderConfig azure = ProviderConfig.azureOpenAi(URI.create(endpoint.strip()), key);
    if ((key == null || key.isBlank()) && token != null && !token.isBlank()) {
      String entraToken = token.strip();
      azure = azure.withEntraIdToken(() -> entraToken);
    }
    String version = environment.get("OPENAI_API_VERSION");
    return version == null || version.isBlank() ? azure : azure.withApiVersion(version);
  }

  /** The OpenAI SDKs send {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID} as headers. */
  private ProviderConfig withHeaderFrom(ProviderConfig p, String variable, String header) {
    String value = environment.get(variable);
    return !"openai".equals(p.name()) || value == null || value.isBlank() ? p
        : p.withHeader(header, value.strip());
  }

  private static ProviderConfig builtIn(String name, String key) {
    switch (name) {
      case "openai":
        return ProviderConfig.openAi(key);
      case "anthropic":
        return ProviderConfig.anthropic(key);
      case "xai":
        return ProviderConfig.xai(key);
      default:
        return null;
    }
  }

  private static String envName(String provider) {
    return provider.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
