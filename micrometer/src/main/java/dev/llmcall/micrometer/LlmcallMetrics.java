package dev.llmcall.micrometer;

import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CallEvent;
import dev.llmcall.runtime.CallEventListener;
import dev.llmcall.runtime.CallMetrics;
import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.Cost;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters for every call of an {@link LlmRuntime}, bound in one line:
 *
 * <pre>{@code
 * LlmcallMetrics.bind(runtime, meterRegistry);
 * }</pre>
 *
 * Named after the OpenTelemetry GenAI semantic conventions, with their attributes ({@code
 * gen_ai.operation.name} = {@code chat}, {@code gen_ai.provider.name} and {@code gen_ai.system},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code error.type}), plus {@code
 * llmcall.method}. Each meter name keeps one set of tag keys, as Prometheus needs: {@code
 * error.type} is {@code none} on a success and {@code gen_ai.response.model} {@code none} when no
 * model answered.
 *
 * <p>With a fallback chain, each meter is tagged with the target it is about: an attempt's
 * meters with the provider and model that attempt went to, a call's with the target that answered
 * it, or that it failed on last.
 * <ul>
 *   <li>{@value GenAi#OPERATION_DURATION}: a timer of each call, waits included;
 *   <li>{@value GenAi#TOKEN_USAGE}: a distribution summary of the tokens of each call, by {@code
 *       gen_ai.token.type} = {@code input} | {@code output}.
 * </ul>
 * <p>And llmcall's own:
 * <ul>
 *   <li>{@code llmcall.client.attempts}: a counter of HTTP attempts by {@code outcome} ({@code
 *       success} or the error category);
 *   <li>{@code llmcall.client.retries}: a counter of waits before another attempt, by {@code
 *       error.type} and {@code llmcall.wait.source} ({@code backoff}, {@code retry_after}, {@code
 *       circuit_open}, {@code fallback}: the call moved on to the next target of its chain);
 *   <li>{@code llmcall.client.time_to_first_token}: a timer of how long a stream's reader waited
 *       for its first content;
 *   <li>{@code llmcall.client.repairs}: a counter of structured answers sent back to be corrected;
 *   <li>{@code llmcall.client.shaping.waits} and {@code llmcall.client.shaping.rejections}:
 *       counters, for the whole runtime, of the waits for a provider's rate budget or bulkhead
 *       and of the calls that failed at once instead ({@link dev.llmcall.runtime.RateShaping});
 *   <li>{@code llmcall.client.hedges} and {@code llmcall.client.hedges.won}: counters, for the
 *       whole runtime, of hedged streams and of the hedges that became the stream ({@code
 *       CallSite.Hedge}); an attempt that lost the race is no retry;
 *   <li>{@code llmcall.client.cost}: a counter of US dollars at the runtime's price table, every
 *       attempt of a call counted, failed and repaired ones included, with the call's GenAI tags
 *       (calls to a model without a price add nothing);
 *   <li>{@code llmcall.circuit_breaker.state}: a gauge per breaker and {@code state}, 1 for the
 *       state it is in and 0 for the others;
 *   <li>{@code llmcall.circuit_breaker.transitions}: a counter by breaker, {@code from} and {@code
 *       to}.
 * </ul>
 * Breakers are watched from the bind on, and each one the runtime creates later from its first
 * call.
 */
public final class LlmcallMetrics implements CallEventListener {
  static final String ATTEMPTS = "llmcall.client.attempts";
  static final String COST = "llmcall.client.cost";
  static final String RETRIES = "llmcall.client.retries";
  static final String TIME_TO_FIRST_TOKEN = "llmcall.client.time_to_first_token";
  static final String REPAIRS = "llmcall.client.repairs";
  static final String SHAPING_WAITS = "llmcall.client.shaping.waits";
  static final String SHAPING_REJECTIONS = "llmcall.client.shaping.rejections";
  static final String HEDGES = "llmcall.client.hedges";
  static final String HEDGES_WON = "llmcall.client.hedges.won";
  static final String BREAKER_STATE = "llmcall.circuit_breaker.state";
  static final String BREAKER_TRANSITIONS = "llmcall.circuit_breaker.transitions";
  static final String METHOD = "llmcall.method";
  static final String BREAKER = "llmcall.circuit_breaker";
  static final String NONE = "none";

  private final LlmRuntime runtime;
  private final MeterRegistry registry;
  private final Set<String> watchedBreakers = ConcurrentHashMap.newKeySet();

  private LlmcallMetrics(LlmRuntime runtime, MeterRegistry registry) {
    this.runtime = runtime;
    this.registry = registry;
  }

  /**
   * Records every call of {@code runtime} that starts from now on, and the state of its circuit
   * breakers, in {@code registry}.
   */
  public static LlmcallMetrics bind(LlmRuntime runtime, MeterRegistry registry) {
    Objects.requireNonNull(runtime, "runtime == null");
    Objects.requireNonNull(registry, "registry == null");
    LlmcallMetrics metrics = new LlmcallMetrics(runtime, registry);
    runtime.circuitBreakers().forEach(metrics::watch);
    count(runtime, registry, SHAPING_WAITS, CallMetrics::shapingWaits,
        "Waits before an attempt for a provider's rate budget or bulkhead");
    count(runtime, registry, SHAPING_REJECTIONS, CallMetrics::shapingRejections,
        "Calls failed at once as RATE_LIMIT instead of waiting for budget or bulkhead");
    count(runtime, registry, HEDGES, CallMetrics::hedges,
        "Streams also sent to the next target of their chain, their first token late");
    count(runtime, registry, HEDGES_WON, CallMetrics::hedgesWon,
        "Hedges that delivered content first and became the stream");
    runtime.addListener(metrics);
    return metrics;
  }

  /** A counter of the whole runtime that reads {@code counter} of every method when scraped. */
  private static void count(LlmRuntime runtime, MeterRegistry registry, String name,
      ToLongFunction<CallMetrics> counter, String description) {
    FunctionCounter.builder(name, runtime, r -> sum(r, counter))
        .description(description)
        .register(registry);
  }

  @Override
  public void onCallStarted(CallEvent.Started e) {
    String breaker = e.call().circuitBreaker();
    if (breaker != null && !watchedBreakers.contains(breaker)) {
      watch(runtime.circuitBreaker(breaker));
    }
  }

  @Override
  public void onAttemptEnded(CallEvent.AttemptEnded e) {
    // A fallback target of another provider is behind the breaker named after that provider.
    if (e.call().circuitBreaker() != null && !e.provider().equals(e.call().provider())
        && !watchedBreakers.contains(e.provider())) {
      watch(runtime.circuitBreaker(e.provider()));
    }
    Attempt a = e.attempt();
    Tags call = ours(e.call(), e.provider(), e.model());
    registry.counter(ATTEMPTS, call.and("outcome", a.succeeded() ? "success" : lower(a.failure())))
        .increment();
    if (!a.succeeded() && a.waitSource() != Attempt.WaitSource.NONE
        && a.waitSource() != Attempt.WaitSource.REPAIR && a.waitSource() != Attempt.WaitSource.HEDGE) {
      registry.counter(RETRIES, call.and(GenAi.ERROR_TYPE, lower(a.failure()))
          .and("llmcall.wait.source", lower(a.waitSource()))).increment();
    }
  }

  @Override
  public void onFirstToken(CallEvent.FirstToken e) {
    Timer.builder(TIME_TO_FIRST_TOKEN)
        .description("Time from the start of a streamed call to its first content")
        .tags(ours(e.call()))
        .register(registry)
        .record(e.sinceCallStart());
  }

  @Override
  public void onCallEnded(CallEvent.Ended e) {
    Tags tags = genAi(e);
    Timer.builder(GenAi.OPERATION_DURATION)
        .description("GenAI operation duration")
        .serviceLevelObjectives(seconds(GenAi.DURATION_BUCKETS))
        .tags(tags)
        .register(registry)
        .record(e.latency());
    Usage usage = e.usage();
    if (!usage.equals(Usage.NONE)) {
      tokens(tags, "input", usage.inputTokens());
      tokens(tags, "output", usage.outputTokens());
    }
    if (e.repairs() > 0) {
      registry.counter(REPAIRS, ours(e.call())).increment(e.repairs());
    }
    Cost cost = e.response() != null ? e.response().cost()
        : e.failure() != null ? e.failure().cost().orElse(null) : null;
    if (cost != null) {
      Counter.builder(COST)
          .description("What the call cost at the runtime's price table, every attempt counted")
          .baseUnit("USD")
          .tags(tags)
          .register(registry)
          .increment(cost.total().doubleValue());
    }
  }

  private void tokens(Tags tags, String type, int count) {
    DistributionSummary.builder(GenAi.TOKEN_USAGE)
        .description("Number of input and output tokens used")
        .baseUnit("{token}")
        .serviceLevelObjectives(GenAi.TOKEN_BUCKETS)
        .tags(tags.and(GenAi.TOKEN_TYPE, type))
        .register(registry)
        .record(count);
  }

  /** A gauge per state and a transition counter for {@code breaker}, once. */
  private void watch(CircuitBreaker breaker) {
    if (!watchedBreakers.add(breaker.name())) {
      return;
    }
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      Gauge.builder(BREAKER_STATE, breaker, b -> b.state() == state ? 1 : 0)
          .description("1 for the state the circuit breaker is in, 0 for the others")
          .tags(BREAKER, breaker.name(), "state", lower(state))
          .register(registry);
    }
    breaker.addListener(t -> registry.counter(BREAKER_TRANSITIONS,
        BREAKER, t.breaker(), "from", lower(t.from()), "to", lower(t.to())).increment());
  }

  private static Tags conventions(String providerName, String model) {
    String provider = GenAi.provider(providerName);
    return Tags.of(GenAi.OPERATION_NAME, GenAi.CHAT, GenAi.PROVIDER_NAME, provider,
        GenAi.SYSTEM, provider, GenAi.REQUEST_MODEL, model);
  }

  /**
   * The conventions' attributes of a call's end. Every meter of a name has the same tag keys,
   * because Prometheus exposes only the first set of keys it sees for a name (micrometer#877):
   * a success has {@code error.type} = {@code none}, and a call no model answered has {@code
   * gen_ai.response.model} = {@code none}.
   */
  private static Tags genAi(CallEvent.Ended e) {
    String responseModel = e.responseModel() == null ? NONE : e.responseModel();
    String error = e.outcome() == CallEvent.Outcome.SUCCEEDED ? NONE : GenAi.errorType(e);
    // the target that answered, or the last one tried: a fallback chain may have moved on
    Attempt last = e.history().isEmpty() ? null : e.history().get(e.history().size() - 1);
    String provider = last == null || last.provider() == null ? e.call().provider() : last.provider();
    String model = last == null || last.model() == null ? e.call().model() : last.model();
    return ours(e.call(), provider, model)
        .and(GenAi.RESPONSE_MODEL, responseModel).and(GenAi.ERROR_TYPE, error);
  }

  private static Tags ours(CallEvent.Call call) {
    return ours(call, call.provider(), call.model());
  }

  private static Tags ours(CallEvent.Call call, String provider, String model) {
    return conventions(provider, model).and(METHOD, call.method());
  }

  private static double sum(LlmRuntime runtime, ToLongFunction<CallMetrics> counter) {
    return runtime.metrics().stream().mapToLong(counter).sum();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static Duration[] seconds(double[] buckets) {
    Duration[] out = new Duration[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      out[i] = Duration.ofNanos(Math.round(buckets[i] * 1e9));
    }
    return out;
  }
}
