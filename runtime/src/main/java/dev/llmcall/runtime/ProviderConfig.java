package dev.llmcall.runtime;

import dev.llmcall.runtime.internal.provider.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Where one provider lives, how to authenticate to it, and what else every request to it carries.
 * The API key, supplied credentials and secret headers are kept out of {@link #toString()} and out
 * of every message.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder()
 *     .provider(ProviderConfig.openAi(System.getenv("OPENAI_API_KEY"))
 *         .withHeader("OpenAI-Project", "proj_abc"))
 *     .provider(ProviderConfig.anthropic(null).withCredentials(vault::currentAnthropicKey))
 *     .provider(ProviderConfig.azureOpenAi(URI.create("https://my-resource.openai.azure.com"), key))
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
    ANTHROPIC_MESSAGES,
    /**
     * Azure OpenAI Chat Completions: {@code POST
     * {endpoint}/openai/deployments/{model}/chat/completions?api-version=...}, {@code api-key}.
     * The method's model is the deployment's name.
     */
    AZURE_OPENAI_CHAT
  }

  /** Default base URLs, as the official SDKs have them. */
  public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
  public static final URI ANTHROPIC_BASE_URL = URI.create("https://api.anthropic.com");
  public static final URI XAI_BASE_URL = URI.create("https://api.x.ai/v1");
  /** The Azure OpenAI {@code api-version} unless set: the latest GA data-plane inference version. */
  public static final String AZURE_OPENAI_API_VERSION = "2024-10-21";

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers that carry a provider's key: only {@link #withApiKey} and {@link #withCredentials} set them. */
  private static final Set<String> KEY_HEADERS = Set.of("authorization", "x-api-key", "api-key");
  /** Headers the JDK refuses, or that llmcall sets on every request itself. */
  private static final Set<String> OWN_HEADERS = Set.of("connection", "content-length", "expect",
      "host", "upgrade", "content-type", "accept", "x-client-request-id");

  private final String name;
  private final Wire wire;
  private final URI baseUrl;
  private final String apiKey;
  private final String apiKeyVariable;
  private final Supplier<String> credentials;
  private final SortedMap<String, String> headers;
  private final SortedSet<String> secretHeaders;
  private final String apiVersion;
  private final boolean entraId;

  private ProviderConfig(String name, Wire wire, URI baseUrl, String apiKey, String apiKeyVariable) {
    this(name, wire, baseUrl, apiKey, apiKeyVariable, null, new TreeMap<>(String.CASE_INSENSITIVE_ORDER),
        new TreeSet<>(String.CASE_INSENSITIVE_ORDER),
        wire == Wire.AZURE_OPENAI_CHAT ? AZURE_OPENAI_API_VERSION : null, false);
  }

  private ProviderConfig(String name, Wire wire, URI baseUrl, String apiKey, String apiKeyVariable,
      Supplier<String> credentials, SortedMap<String, String> headers, SortedSet<String> secretHeaders,
      String apiVersion, boolean entraId) {
    this.name = Objects.requireNonNull(name, "name == null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "provider name must be letters, digits, '-' or '_', starting with a letter: " + name);
    }
    this.wire = Objects.requireNonNull(wire, "wire == null");
    this.baseUrl = checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl == null"));
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.apiKeyVariable = apiKeyVariable;
    this.credentials = credentials;
    this.headers = Collections.unmodifiableSortedMap(headers);
    this.secretHeaders = Collections.unmodifiableSortedSet(secretHeaders);
    this.apiVersion = apiVersion;
    this.entraId = entraId;
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
   * Azure OpenAI, named {@code azure}, at a resource's endpoint such as {@code
   * https://my-resource.openai.azure.com}, with its key (sent as {@code api-key}; may be {@code
   * null} until a client needs it). Requests go to {@code
   * {endpoint}/openai/deployments/{model}/chat/completions?api-version=}{@value
   * #AZURE_OPENAI_API_VERSION} unless {@link #withApiVersion} says otherwise: the model a method
   * names is the deployment's name.
   */
  public static ProviderConfig azureOpenAi(URI endpoint, String apiKey) {
    return new ProviderConfig("azure", Wire.AZURE_OPENAI_CHAT, endpoint, apiKey, "AZURE_OPENAI_API_KEY");
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
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable, credentials,
        copy(headers), copy(secretHeaders), apiVersion, entraId);
  }

  /** The same provider with another key, in place of any {@linkplain #withCredentials credentials}. */
  public ProviderConfig withApiKey(String apiKey) {
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable, null,
        copy(headers), copy(secretHeaders), apiVersion, false);
  }

  /**
   * The same provider with credentials asked for on every attempt, in place of a fixed key: for
   * keys that rotate and short-lived tokens. The value goes where the key would go ({@code
   * Authorization: Bearer}, {@code x-api-key} or {@code api-key}); it is called once per HTTP
   * attempt (retries and resumed streams included) and once per health probe, from the thread
   * that sends it, so it should be quick: cache a token and refresh it ahead of its expiry. Each
   * value it returns is redacted from that call's exception like a key. If it throws or returns
   * nothing, the call fails with a non-retryable {@link ErrorCategory#AUTHENTICATION} exception
   * before anything is sent.
   *
   * <pre>{@code
   * ProviderConfig.openAiCompatible("gateway", gatewayUrl, null).withCredentials(tokens::current)
   * }</pre>
   */
  public ProviderConfig withCredentials(Supplier<String> credentials) {
    return new ProviderConfig(name, wire, baseUrl, null, apiKeyVariable,
        Objects.requireNonNull(credentials, "credentials == null"), copy(headers),
        copy(secretHeaders), apiVersion, false);
  }

  /**
   * The same Azure OpenAI provider with Microsoft Entra ID access tokens in place of a key: sent
   * as {@code Authorization: Bearer}, not {@code api-key}, and asked for once per attempt as
   * {@link #withCredentials} does (so a token provider that refreshes ahead of expiry fits).
   *
   * <pre>{@code
   * ProviderConfig.azureOpenAi(endpoint, null).withEntraIdToken(() -> tokenCache.current())
   * }</pre>
   *
   * @throws IllegalStateException if this is not an Azure OpenAI provider
   */
  public ProviderConfig withEntraIdToken(Supplier<String> tokens) {
    if (wire != Wire.AZURE_OPENAI_CHAT) {
      throw new IllegalStateException("only Azure OpenAI takes Entra ID tokens, not " + name);
    }
    return new ProviderConfig(name, wire, baseUrl, null, apiKeyVariable,
        Objects.requireNonNull(tokens, "tokens == null"), copy(headers), copy(secretHeaders),
        apiVersion, true);
  }

  /**
   * The same provider with a header sent on every request to it, health probes included, such
   * as {@code OpenAI-Organization}, {@code OpenAI-Project}, {@code anthropic-beta} or a gateway's
   * header; a header of the same name (in any case) is replaced. It may replace a header the wire
   * format sets, such as {@code anthropic-version}. Its value shows nowhere but in the request:
   * {@link #toString()} lists header names only.
   *
   * @throws IllegalArgumentException for a header that carries the key ({@code Authorization},
   *     {@code x-api-key}, {@code api-key}: use {@link #withApiKey} or {@link #withCredentials},
   *     which keep it out of messages), or one that llmcall or the JDK sets itself ({@code
   *     Content-Type}, {@code Accept}, {@code X-Client-Request-Id}, {@code Host}, ...)
   */
  public ProviderConfig withHeader(String name, String value) {
    return header(name, value, false);
  }

  /**
   * As {@link #withHeader}, for a header whose value is a secret, such as a gateway's own key
   * ({@code cf-aig-authorization}, {@code Helicone-Auth}): its value is also redacted from every
   * exception, as the API key is.
   */
  public ProviderConfig withSecretHeader(String name, String value) {
    return header(name, value, true);
  }

  /**
   * The same Azure OpenAI provider with another {@code api-version}, such as a preview version.
   *
   * @throws IllegalStateException if this is not an Azure OpenAI provider
   */
  public ProviderConfig withApiVersion(String apiVersion) {
    if (wire != Wire.AZURE_OPENAI_CHAT) {
      throw new IllegalStateException("only Azure OpenAI takes an api-version, not " + name);
    }
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    if (apiVersion.isBlank() || !apiVersion.strip().matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("bad api-version: " + apiVersion);
    }
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable, credentials,
        copy(headers), copy(secretHeaders), apiVersion.strip(), entraId);
  }

  private ProviderConfig header(String header, String value, boolean secret) {
    Objects.requireNonNull(header, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (!HEADER_NAME.matcher(header).matches()) {
      throw new IllegalArgumentException("not a header name: " + header);
    }
    String lower = header.toLowerCase(Locale.ROOT);
    if (KEY_HEADERS.contains(lower)) {
      throw new IllegalArgumentException(header + " carries the provider's key: set it with"
          + " withApiKey(...) or withCredentials(...), which keep it out of toString() and messages");
    }
    if (OWN_HEADERS.contains(lower)) {
      throw new IllegalArgumentException(header + " is set by llmcall or the JDK on every request");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header " + header + " has a line break in its value");
    }
    SortedMap<String, String> h = copy(headers);
    h.remove(header); // a new spelling of the name replaces the old one
    h.put(header, value);
    SortedSet<String> s = copy(secretHeaders);
    s.remove(header);
    if (secret) {
      s.add(header);
    }
    return new ProviderConfig(name, wire, baseUrl, apiKey, apiKeyVariable, credentials, h, s,
        apiVersion, entraId);
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

  /**
   * Whether a key or {@linkplain #withCredentials credentials} are configured. The key itself is
   * only handed to the transport.
   */
  public boolean hasApiKey() {
    return apiKey != null || credentials != null;
  }

  /** Whether calls need a key: true for the built-in hosted providers. */
  public boolean requiresApiKey() {
    return apiKeyVariable != null;
  }

  /** The environment variable that holds this provider's key, or {@code null} if none is known. */
  public String apiKeyVariable() {
    return apiKeyVariable;
  }

  /** The names of the extra headers sent on every request, sorted; their values are not shown. */
  public SortedSet<String> headerNames() {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(headers.keySet());
    return Collections.unmodifiableSortedSet(names);
  }

  /** Azure OpenAI's {@code api-version}, or {@code null} for other providers. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The key. Package-private on purpose: only the runtime's transport reads it. */
  String apiKey() {
    return apiKey;
  }

  /** What the transport needs to call {@code model} at this provider, resolved once. */
  Endpoint endpoint(String model, PriceTable prices) {
    List<String> secrets = new ArrayList<>();
    for (String header : secretHeaders) {
      String value = headers.get(header);
      secrets.add(value);
      int space = value.indexOf(' ');
      if (space > 0) { // "Bearer <token>": the token alone is as secret
        secrets.add(value.substring(space + 1).strip());
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed()); // whole values first
    return Endpoint.resolve(name, wire, baseUrl, model, apiVersion, apiKey, credentials, entraId,
        headers, secrets, prices);
  }

  @Override
  public String toString() {
    String key = entraId ? "<Entra ID token>" : credentials != null ? "<supplied>"
        : apiKey == null ? "<none>" : "<redacted>";
    return "ProviderConfig{name=" + name + ", wire=" + wire + ", baseUrl=" + baseUrl
        + (apiVersion == null ? "" : ", apiVersion=" + apiVersion)
        + ", apiKey=" + key + (headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + "}";
  }

  private static SortedMap<String, String> copy(SortedMap<String, String> headers) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy;
  }

  private static SortedSet<String> copy(SortedSet<String> names) {
    TreeSet<String> copy = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    copy.addAll(names);
    return copy;
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
