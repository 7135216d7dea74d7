package dev.llmcall.runtime;

import dev.llmcall.runtime.internal.DefaultBoundCall;
import dev.llmcall.runtime.internal.breaker.DefaultCircuitBreaker;
import dev.llmcall.runtime.internal.breaker.HealthChecker;
import dev.llmcall.runtime.internal.call.CallContext;
import dev.llmcall.runtime.internal.call.CallLog;
import dev.llmcall.runtime.internal.call.MethodStats;
import dev.llmcall.runtime.internal.call.Observers;
import dev.llmcall.runtime.internal.call.Hedging;
import dev.llmcall.runtime.internal.call.RetryBank;
import dev.llmcall.runtime.internal.call.Route;
import dev.llmcall.runtime.internal.call.ThreadLocalRandomGenerator;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.ProviderDirectory;
import dev.llmcall.runtime.internal.shaping.Shaping;
import dev.llmcall.runtime.internal.transport.HttpTransport;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Scheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Everything generated clients share: provider configuration, one {@link HttpClient}, named
 * retry policies, timeouts, and the clock. Build one per application and pass it to each
 * generated client; close it when the application stops.
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.fromEnvironment();        // OPENAI_API_KEY, ANTHROPIC_API_KEY, ...
 * Assistant assistant = LlmAssistant.create(runtime);
 *
 * LlmRuntime custom = LlmRuntime.builder()
 *     .environment(System.getenv())
 *     .provider(ProviderConfig.openAiCompatible("vllm", URI.create("http://gpu-box:8000/v1"), null))
 *     .requestTimeout(Duration.ofSeconds(90))
 *     .build();
 * }</pre>
 */
public final class LlmRuntime implements AutoCloseable {

  /** Default time to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for one HTTP attempt, as the official SDKs have it. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final ProviderDirectory providers;
  private final Map<String, RetryPolicy> retryPolicies;
  private final String defaultRetryPolicy;
  private final Observers observers;
  private final CallContext context;
  private final Map<String, MethodStats> stats = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreakerConfig> breakerConfigs;
  private final CircuitBreakerConfig defaultBreakerConfig;
  private final List<CircuitBreaker.Listener> breakerListeners;
  private final Map<String, DefaultCircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final HealthChecker healthChecker;
  private final RetryBudget retryBudget;
  private final Map<String, RetryBank> retryBanks = new ConcurrentHashMap<>();
  private final RetryBudget hedgeBudget;
  private final Map<String, RetryBank> hedgeBanks = new ConcurrentHashMap<>();
  private final PriceTable prices;
  private final Map<String, List<Target>> routes;

  private LlmRuntime(Builder b) {
    this.providers = new ProviderDirectory(b.providers, b.environment, b.environmentGiven);
    this.retryPolicies = Map.copyOf(b.retryPolicies);
    this.defaultRetryPolicy = b.defaultRetryPolicy;
    if (!retryPolicies.containsKey(defaultRetryPolicy)) {
      throw new IllegalStateException("default retry policy '" + defaultRetryPolicy
          + "' is not registered; known: " + new TreeSet<>(retryPolicies.keySet()));
    }
    HttpTransport transport = b.httpClient != null
        ? HttpTransport.wrap(b.httpClient, b.requestTimeout, b.maxResponseBytes, b.scheduler)
        : HttpTransport.create(b.connectTimeout, b.requestTimeout, b.maxResponseBytes, b.scheduler);
    this.observers = new Observers(b.listeners, b.propagators, new CallLog(b.logExchanges));
    this.context = new CallContext(transport, b.clock, b.scheduler, b.random, observers,
        b.streamTimeouts, new Shaping(b.rateShaping, b.rateShapings, b.scheduler, b.clock));
    this.breakerConfigs = Map.copyOf(b.breakerConfigs);
    this.defaultBreakerConfig = b.defaultBreakerConfig;
    this.breakerListeners = List.copyOf(b.breakerListeners);
    this.healthChecker = new HealthChecker(transport, b.scheduler);
    this.retryBudget = b.retryBudget;
    this.hedgeBudget = b.hedgeBudget;
    PriceTable table = b.prices != null ? b.prices : PriceTable.builtIn();
    for (Map.Entry<String, ModelPrice> e : b.priceOverrides.entrySet()) {
      table = table.with(e.getKey(), e.getValue());
    }
    this.prices = table;
    this.routes = Map.copyOf(b.routes);
  }

  /** A builder with the built-in retry policies and no providers. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A runtime configured from the process environment, with the official SDKs' variable names:
   * {@code OPENAI_API_KEY}/{@code OPENAI_BASE_URL}, {@code ANTHROPIC_API_KEY}/{@code
   * ANTHROPIC_BASE_URL}, {@code XAI_API_KEY}/{@code XAI_BASE_URL}, and for OpenAI {@code
   * OPENAI_ORG_ID}/{@code OPENAI_PROJECT_ID} (sent as {@code OpenAI-Organization}/{@code
   * OpenAI-Project}); provider {@code azure} is Azure OpenAI at {@code AZURE_OPENAI_ENDPOINT} with
   * {@code AZURE_OPENAI_API_KEY} (else an Entra ID token in {@code AZURE_OPENAI_AD_TOKEN}) and, if
   * set, {@code OPENAI_API_VERSION}. Any other provider name
   * {@code foo-bar} is an OpenAI-compatible endpoint at {@code FOO_BAR_BASE_URL}, with the
   * optional key {@code FOO_BAR_API_KEY}.
   */
  public static LlmRuntime fromEnvironment() {
    return builder().environment(System.getenv()).build();
  }

  /**
   * Binds a call site to this runtime, resolving its provider, retry policy and circuit breaker
   * once, and those of every target of its fallback chain. Called by generated constructors.
   *
   * <p>With a {@code @CircuitBreaker}, each target of a chain is behind a breaker of its own: the
   * method's for targets of the method's own provider, and for any other target the breaker named
   * after that target's provider, shared with every method that names it.
   *
   * @throws IllegalStateException if a provider is unknown, its API key is missing, or the
   *     retry policy is unknown; the message names the method and what to set
   */
  public BoundCall bind(CallSite site) {
    Objects.requireNonNull(site, "site == null");
    Route route = route(site);
    RetryPolicy policy = retryPolicy(site);
    MethodStats methodStats = stats.computeIfAbsent(site.method() + " @ " + site.provider(),
        k -> new MethodStats(site.method(), site.provider()));
    return new DefaultBoundCall(site, route, policy, methodStats, context);
  }

  /** The targets of {@code site}: its own, then its chain's, or the chain's route by name. */
  private Route route(CallSite site) {
    CallSite.Fallback fallback = site.fallback();
    if (fallback == null) {
      return Route.single(leg(site, Target.of(site.provider(), site.model())));
    }
    List<Target> targets = routes.get(fallback.name());
    if (targets == null) {
      targets = new ArrayList<>(fallback.to().size() + 1);
      targets.add(Target.of(site.provider(), site.model()));
      targets.addAll(fallback.to());
    }
    List<Route.Leg> legs = new ArrayList<>(targets.size());
    for (Target target : targets) {
      legs.add(leg(site, target));
    }
    return new Route(legs, fallback.on(), hedging(site, legs.size()));
  }

  /** The hedge of {@code site}, if any, with the method's hedge budget (shared by its clients). */
  private Hedging hedging(CallSite site, int targets) {
    if (site.hedge() == null) {
      return null;
    }
    RetryBank budget = hedgeBanks.computeIfAbsent(site.method(),
        k -> new RetryBank(hedgeBudget, context.scheduler()::nanoTime));
    return new Hedging(site.hedge(), budget, targets);
  }

  /** One target, bound: its endpoint, its breaker and its provider's retry budget. */
  private Route.Leg leg(CallSite site, Target target) {
    ProviderConfig provider = providers.require(target.provider(), site.method());
    Endpoint endpoint = provider.endpoint(target.model(), prices);
    boolean own = target.provider().equals(site.provider());
    String breakerName = site.circuitBreaker() == null ? null
        : own ? site.circuitBreaker() : target.provider();
    DefaultCircuitBreaker breaker = breakerName == null ? null : breaker(breakerName);
    if (breaker != null) {
      healthChecker.watch(breaker, endpoint);
    }
    RetryBank retries = retryBanks.computeIfAbsent(provider.name(),
        k -> new RetryBank(retryBudget, context.scheduler()::nanoTime));
    CallSite targetSite = own && target.model().equals(site.model()) ? site
        : site.forTarget(target.provider(), target.model()).circuitBreaker(breakerName);
    return new Route.Leg(target, targetSite, endpoint, breaker, retries);
  }

  /**
   * The circuit breaker of this name, shared by every method whose {@code @CircuitBreaker} names
   * it; created on first use with its configured (or the default) settings.
   *
   * <pre>{@code
   * CircuitBreaker openai = runtime.circuitBreaker("openai");
   * if (openai.state() == CircuitBreaker.State.OPEN) {
   *   log.warn("openai unhealthy for another {}", openai.remainingOpenTime());
   * }
   * openai.reconfigure(openai.config().toBuilder().failureThreshold(3).build());
   * }</pre>
   */
  public CircuitBreaker circuitBreaker(String name) {
    Objects.requireNonNull(name, "name == null");
    return breaker(name);
  }

  /** Every circuit breaker created so far, sorted by name. */
  public List<CircuitBreaker> circuitBreakers() {
    return breakers.values().stream()
        .sorted(Comparator.comparing(CircuitBreaker::name))
        .map(CircuitBreaker.class::cast)
        .toList();
  }

  private DefaultCircuitBreaker breaker(String name) {
    return breakers.computeIfAbsent(name, n -> {
      DefaultCircuitBreaker breaker = new DefaultCircuitBreaker(
          n, breakerConfigs.getOrDefault(n, defaultBreakerConfig), context.scheduler()::nanoTime);
      breaker.addListener(observers.log()::transition);
      breakerListeners.forEach(breaker::addListener);
      return breaker;
    });
  }

  /**
   * Adds a listener for the calls that start from now on, after those the builder registered; for
   * integrations that bind to a built runtime.
   *
   * <pre>{@code
   * runtime.addListener(new CallEventListener() {
   *   public void onCallEnded(CallEvent.Ended e) { ... }
   * });
   * }</pre>
   */
  public void addListener(CallEventListener listener) {
    observers.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /** How many calls and streams are in flight now: started, and neither ended nor closed. */
  int liveStreams() {
    return context.transport().liveCount();
  }

  /** Counters per interface method and provider, sorted by method then provider. */
  public List<CallMetrics> metrics() {
    return stats.values().stream()
        .map(MethodStats::snapshot)
        .sorted(Comparator.comparing(CallMetrics::method).thenComparing(CallMetrics::provider))
        .toList();
  }

  /** The configuration of a provider, or {@code null} if this runtime knows none by that name. */
  public ProviderConfig provider(String name) {
    return providers.find(name);
  }

  /** The list prices that {@link LlmResponse#cost()} and {@link LlmException#cost()} are computed at. */
  public PriceTable prices() {
    return prices;
  }

  /** A registered retry policy, or {@code null}. */
  public RetryPolicy retryPolicy(String name) {
    return retryPolicies.get(name);
  }

  /**
   * Ends everything in flight and lets go of what this runtime started. Calls and streams in
   * flight end promptly with an {@link LlmException} (a stream's reader first gets the chunks
   * that came), their exchanges are cancelled, health probes and stream timers stop, and the
   * runtime's own {@code HttpClient} is closed (JDK 21+) or dropped to be collected (JDK 17), with
   * its connections and selector thread. A client passed to the builder is left open. A call made
   * after this fails at once, without network traffic, with a non-retryable exception.
   */
  @Override
  public void close() {
    healthChecker.close();
    context.transport().close();
    context.shaping().close();
  }

  @Override
  public String toString() {
    return "LlmRuntime{providers=" + new TreeMap<>(providers.registered()).values()
        + ", retryPolicies=" + new TreeSet<>(retryPolicies.keySet()) + "}";
  }

  private RetryPolicy retryPolicy(CallSite site) {
    String name = site.retryPolicy() != null ? site.retryPolicy() : defaultRetryPolicy;
    RetryPolicy policy = retryPolicies.get(name);
    if (policy == null) {
      throw new IllegalStateException("Unknown retry policy '" + name + "' on " + site.method()
          + "; known policies: " + new TreeSet<>(retryPolicies.keySet())
          + ". Register it with LlmRuntime.builder().retryPolicy(\"" + name + "\", policy)");
    }
    try {
      return site.retryOverrides().applyTo(policy);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Bad @Retry values on " + site.method() + ": " + e.getMessage(), e);
    }
  }

  /** Builds an {@link LlmRuntime}. */
  public static final class Builder {
    private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    private final Map<String, RetryPolicy> retryPolicies = new LinkedHashMap<>();
    private Map<String, String> environment = Map.of();
    private boolean environmentGiven;
    private String defaultRetryPolicy = "default";
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler = Scheduler.system();
    private RandomGenerator random = ThreadLocalRandomGenerator.INSTANCE;
    private final List<CallEventListener> listeners = new ArrayList<>();
    private final List<CallContextPropagator> propagators = new ArrayList<>();
    private boolean logExchanges;
    private StreamTimeouts streamTimeouts = StreamTimeouts.defaults();
    private long maxResponseBytes = HttpTransport.DEFAULT_MAX_RESPONSE_BYTES;
    private RetryBudget retryBudget = RetryBudget.DEFAULT;
    private RetryBudget hedgeBudget = RetryBudget.HEDGE_DEFAULT;
    private RateShaping rateShaping = RateShaping.DEFAULT;
    private final Map<String, RateShaping> rateShapings = new LinkedHashMap<>();
    private final Map<String, CircuitBreakerConfig> breakerConfigs = new LinkedHashMap<>();
    private CircuitBreakerConfig defaultBreakerConfig = CircuitBreakerConfig.defaults();
    private final List<CircuitBreaker.Listener> breakerListeners = new ArrayList<>();
    private PriceTable prices;
    private final Map<String, ModelPrice> priceOverrides = new LinkedHashMap<>();
    private final Map<String, List<Target>> routes = new LinkedHashMap<>();

    private Builder() {
      retryPolicies.put("default", RetryPolicy.defaults());
      retryPolicies.put("none", RetryPolicy.none());
      retryPolicies.put("high-availability", RetryPolicy.highAvailability());
      retryPolicies.put("cost-sensitive", RetryPolicy.costSensitive());
      retryPolicies.put("development", RetryPolicy.development());
    }

    /** Reads providers from these variables, as {@link LlmRuntime#fromEnvironment()} describes. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
      this.environmentGiven = true;
      return this;
    }

    /** Registers a provider; it wins over the environment. */
    public Builder provider(ProviderConfig provider) {
      Objects.requireNonNull(provider, "provider == null");
      providers.put(provider.name(), provider);
      return this;
    }

    /** Registers a named retry policy, or replaces a built-in one. */
    public Builder retryPolicy(String name, RetryPolicy policy) {
      Objects.requireNonNull(name, "name == null");
      retryPolicies.put(name, Objects.requireNonNull(policy, "policy == null"));
      return this;
    }

    /** The policy of methods without {@code @Retry}; {@code default} unless set. */
    public Builder defaultRetryPolicy(String name) {
      this.defaultRetryPolicy = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /** Time to open a connection; 10 s unless set. Ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Time for one HTTP attempt, from sending to the whole response, body included; 10 minutes
     * unless set. A stream's attempts have their own clocks ({@link #streamTimeouts}).
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Uses this client instead of creating one (the caller then owns and closes it). It should
     * not follow redirects: a redirect could carry the API key to another host.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    /** Wall-clock time, used to read HTTP-date retry hints. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Elapsed time and waiting, for deadlines and retry waits. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Randomness for backoff jitter and client request ids, called from any thread; by default each
     * thread's {@code ThreadLocalRandom}.
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /** First-token, idle and total timeouts of streamed calls; {@link StreamTimeouts#defaults()}. */
    public Builder streamTimeouts(StreamTimeouts streamTimeouts) {
      this.streamTimeouts = Objects.requireNonNull(streamTimeouts, "streamTimeouts == null");
      return this;
    }

    /**
     * How many retries each provider may get beside its calls; {@link RetryBudget#DEFAULT} unless
     * set, {@link RetryBudget#unlimited()} to turn it off.
     */
    public Builder retryBudget(RetryBudget retryBudget) {
      this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget == null");
      return this;
    }

    /**
     * How many streamed calls of each method may be hedged ({@code CallSite.Hedge}): a hedge
     * takes from this budget as a retry takes from {@link #retryBudget}, counted against the
     * method's calls; {@link RetryBudget#HEDGE_DEFAULT} (10% of the last 10 s, plus one a second) unless
     * set, {@link RetryBudget#unlimited()} to hedge whenever the delay passes.
     */
    public Builder hedgeBudget(RetryBudget hedgeBudget) {
      this.hedgeBudget = Objects.requireNonNull(hedgeBudget, "hedgeBudget == null");
      return this;
    }

    /**
     * How every provider's traffic is shaped by its rate limits, and its bulkhead; {@link
     * RateShaping#DEFAULT} (learn from the providers' headers, at most 256 calls waiting per
     * provider, no bulkhead) unless set, {@link RateShaping#off()} to turn it off.
     */
    public Builder rateShaping(RateShaping rateShaping) {
      this.rateShaping = Objects.requireNonNull(rateShaping, "rateShaping == null");
      return this;
    }

    /** How one provider's traffic is shaped, instead of {@link #rateShaping(RateShaping)}'s. */
    public Builder rateShaping(String provider, RateShaping rateShaping) {
      Objects.requireNonNull(provider, "provider == null");
      rateShapings.put(provider, Objects.requireNonNull(rateShaping, "rateShaping == null"));
      return this;
    }

    /**
     * The longest response body a call reads, streamed or not; 32 MiB unless set, far above any
     * real answer. A longer one is refused while it is read (without buffering the rest) as a
     * non-retryable failure that says so.
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes < 1024: " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Adds a listener for every attempt of every call; see {@link CallListener}. Any number may
     * be added; each hears every attempt, in the order they were added.
     */
    public Builder listener(CallListener listener) {
      return listener((CallEventListener) listener);
    }

    /**
     * Adds a listener for every call's events (start, attempts, first token, end); see {@link
     * CallEventListener}. Any number may be added; they are told in the order they were added.
     */
    public Builder listener(CallEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Adds a propagator that carries the caller's context (a trace context, say) into every
     * attempt of a call, and may add headers to each attempt's request; see {@link
     * CallContextPropagator}. Several are entered in the order they were added.
     */
    public Builder contextPropagator(CallContextPropagator propagator) {
      propagators.add(Objects.requireNonNull(propagator, "propagator == null"));
      return this;
    }

    /**
     * Logs every attempt's request (method, URI, headers, body) and response (status, request
     * id, text or failure) to the {@code System.Logger} {@code dev.llmcall.runtime} at DEBUG;
     * off unless set. The {@code authorization}, {@code x-api-key} and {@code api-key} headers
     * are always redacted, and so is the API key wherever it appears. Prompts and answers do
     * appear: switch this on only where your logs may hold them.
     */
    public Builder logRequests(boolean on) {
      this.logExchanges = on;
      return this;
    }

    /** Settings for the circuit breaker of this name. */
    public Builder circuitBreaker(String name, CircuitBreakerConfig config) {
      Objects.requireNonNull(name, "name == null");
      breakerConfigs.put(name, Objects.requireNonNull(config, "config == null"));
      return this;
    }

    /** Settings for circuit breakers without their own; {@link CircuitBreakerConfig#defaults()}. */
    public Builder defaultCircuitBreaker(CircuitBreakerConfig config) {
      this.defaultBreakerConfig = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** Hears every state change of every circuit breaker of this runtime. */
    public Builder circuitBreakerListener(CircuitBreaker.Listener listener) {
      breakerListeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * The prices costs are computed at, in place of {@link PriceTable#builtIn()}; {@link
     * PriceTable#empty()} turns costs off. Prices given with {@link #price} still apply on top.
     */
    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices == null");
      return this;
    }

    /** Adds or replaces one model's price, such as a fine-tune's or a negotiated one. */
    public Builder price(String model, ModelPrice price) {
      Objects.requireNonNull(model, "model == null");
      priceOverrides.put(model, Objects.requireNonNull(price, "price == null"));
      return this;
    }

    /**
     * Replaces the targets of every fallback chain called {@code name} ({@code @Fallback(name =
     * ...)}), the method's own target included: the first one is tried first, so traffic can be
     * moved away from a method's own provider without a rebuild. When a chain moves on stays as
     * the method declares it. A name no method uses is ignored: clients bound later may use it.
     *
     * <pre>{@code
     * LlmRuntime.builder()
     *     .route("chat", List.of(Target.of("anthropic", "claude-sonnet-4-5"), Target.of("openai", "gpt-4o")))
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code targets} is empty or repeats a target
     */
    public Builder route(String name, List<Target> targets) {
      Objects.requireNonNull(name, "name == null");
      List<Target> copy = List.copyOf(targets);
      if (copy.isEmpty() || new HashSet<>(copy).size() != copy.size()) {
        throw new IllegalArgumentException("route '" + name + "' must name distinct targets: " + copy);
      }
      routes.put(name, copy);
      return this;
    }

    public LlmRuntime build() {
      return new LlmRuntime(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0: " + d);
      }
      return d;
    }
  }
}
