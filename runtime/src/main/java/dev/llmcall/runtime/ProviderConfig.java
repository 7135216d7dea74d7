package dev.llmcall.runtime;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one provider lives and how to authenticate to it. The API key is kept out of
 * {@link #toString()} and out of every message.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder()
 *     .provider(ProviderConfig.openAi(System.getenv("OPENAI_API_KEY")))
 *     .provider(ProviderConfig.openAiCompatible("vllm", URI.create("http://localhost:8000/v1"), null))
 *     .build();
 * }</pre>
 */
public final class ProviderConfig {
  /** The wire format a provider speaks. */
  public enum Wire {
    /** OpenAI Chat Completions: {@code POST {base}/chat/completions}, bearer token. */
    OPENAI_CHAT,
    /** Anthropic Messages: {@code POST {base}/v1/messages}, {@code x-api-key}. */
    ANTHROPIC_MESSAGES
  }

  /** Default base URLs, as the official SDKs have them. */
  public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
  public static final URI ANTHROPIC_BASE_URL = URI.create("https://api.anthropic.com");
  public static final URI XAI_BASE_URL = URI.create("https://api.x.ai/v1");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private final String name;
  private final Wire wire;
  private final URI baseUrl;
  private final String apiKey;
  private final String apiKeyVariable;

  private ProviderConfig(String name, Wire wire, URI baseUrl, String apiKey, String apiKeyVariable) {
    this.name = Objects.requireNonNull(name, "name == null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "provider name must be letters, digits, '-' or '_', starting with a letter: " + name);
    }
    this.wire = Objects.requireNonNull(wire, "wire == null");
    this.baseUrl = checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl == null"));
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.apiKeyVariable = apiKeyVariable;
  }

  /** OpenAI with the given key (may be {@code null} until a client needs it). */
  public static ProviderConfig openAi(String apiKey) {
    return new ProviderConfig("openai", Wire.OPENAI_CHAT, OPENAI_BASE_URL, apiKey, "OPENAI_API_KEY");
  }

  /** Anthropic with the given key (may be {@code null} until a client needs it). */
  public static ProviderConfig anthropic(String apiKey) {
    return new ProviderConfig(
        "anthropic", Wire.ANTHROPIC_MESSAGES, ANTHROPIC_BASE_URL, apiKey, "ANTHROPIC_API_KEY");
  }

  /** xAI (OpenAI-compatible) with the given key (may be {@code null} until a client needs it). */
  public static ProviderConfig xai(String apiKey) {
    return new ProviderConfig("xai", Wire.OPENAI_CHAT, XAI_BASE_URL, apiKey, "XAI_API_KEY");
  }

  /**
   * Any endpoint that speaks OpenAI Chat Completions (vLLM, Ollama, OpenRouter, a gateway).
   * Requests go to {@code {baseUrl}/chat/completions}; a {@code null} key sends no
   * {@code Authorization} header, as local servers expect.
   */
  public static ProviderConfig openAiCompatible(String name, URI baseUrl, String apiKey) {
    return new ProviderConfig(name, Wire.OPENAI_CHAT, baseUrl, apiKey, null);
  }

  /** The same provider at another base URL, such as a proxy or a test server. */
  public ProviderConfig withBaseUrl(URI baseUrl) {
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable);
  }

  /** The same provider with another key. */
  public ProviderConfig withApiKey(String apiKey) {
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable);
  }

  ProviderConfig withApiKeyVariable(String variable) {
    return new ProviderConfig(name, wire, baseUrl, apiKey, variable);
  }

  public String name() {
    return name;
  }

  public Wire wire() {
    return wire;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** Whether a key is configured. The key itself is only handed to the transport. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** Whether calls need a key: true for the built-in hosted providers. */
  public boolean requiresApiKey() {
    return apiKeyVariable != null;
  }

  /** The environment variable that holds this provider's key, or {@code null} if none is known. */
  public String apiKeyVariable() {
    return apiKeyVariable;
  }

  /** The key. Package-private on purpose: only the runtime's transport reads it. */
  String apiKey() {
    return apiKey;
  }

  @Override
  public String toString() {
    return "ProviderConfig{name=" + name + ", wire=" + wire + ", baseUrl=" + baseUrl
        + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>") + "}";
  }

  private static URI checkBaseUrl(URI baseUrl) {
    String scheme = baseUrl.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("base URL must be http or https: " + baseUrl);
    }
    if (baseUrl.getHost() == null) {
      throw new IllegalArgumentException("base URL has no host: " + baseUrl);
    }
    String s = baseUrl.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : baseUrl;
  }
}
