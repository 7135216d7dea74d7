package dev.llmcall.runtime.internal.shaping;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.RateShaping;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.Scheduler;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime's rate shaping: one {@link Gate} per provider, made on its first call with the
 * provider's {@link RateShaping} (or the runtime's default), and the {@link ShapedCall} of each
 * call. A budget is kept per provider, key and model: the key only as its hash, so the same
 * provider with another key is another budget, and a supplier's credentials, which rotate, are
 * taken as one account's. Thread-safe. Internal: not part of the API.
 */
public final class Shaping {
  /** What Anthropic is sent as {@code max_tokens} when a method sets none. */
  private static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
  private static final ProviderWire ANTHROPIC = ProviderWire.of(ProviderConfig.Wire.ANTHROPIC_MESSAGES);

  private final RateShaping defaults;
  private final Map<String, RateShaping> byProvider;
  private final Scheduler scheduler;
  private final Clock clock;
  private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

  public Shaping(RateShaping defaults, Map<String, RateShaping> byProvider, Scheduler scheduler,
      Clock clock) {
    this.defaults = defaults;
    this.byProvider = Map.copyOf(byProvider);
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** The shaping of one call to {@code endpoint} for {@code site}, asking {@code asked} first. */
  public ShapedCall call(Endpoint endpoint, CallSite site, Prompt asked) {
    Gate gate = gates.get(endpoint.provider());
    if (gate == null) {
      gate = gates.computeIfAbsent(endpoint.provider(), p -> new Gate(p,
          byProvider.getOrDefault(p, defaults), keyHash(endpoint), scheduler));
    }
    if (gate.config.isOff()) {
      return ShapedCall.OFF;
    }
    Integer maxTokens = site.maxTokens();
    long output = maxTokens != null ? maxTokens
        : endpoint.wire() == ANTHROPIC ? ANTHROPIC_DEFAULT_MAX_TOKENS : 0;
    long chars = (asked.system() == null ? 0 : asked.system().length()) + asked.user().length();
    for (ChatMessage m : asked.history()) {
      chars += m.text().length();
    }
    return new ShapedCall(gate, gate.budget(keyHash(endpoint), site.model()), asked.stream(),
        (chars + 3) / 4, output, clock);
  }

  /** The key's identity, never the key: its hash (cached by the string), 0 for supplied ones. */
  private static int keyHash(Endpoint endpoint) {
    return endpoint.suppliesCredentials() || endpoint.apiKey() == null ? 0 : endpoint.apiKey().hashCode();
  }

  /** The runtime closed: every call waiting for a permit comes back, to find it closed. */
  public void close() {
    gates.values().forEach(Gate::close);
  }
}
