package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.Attempt;
import dev.llmcall.runtime.CircuitBreaker;
import dev.llmcall.runtime.LlmException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Everything the runtime logs, through {@link System.Logger} {@value #NAME}: retries and final
 * failures at DEBUG, circuit breaker transitions (WARNING when a breaker opens, INFO otherwise), a
 * listener's or hook's first failure at WARNING, and, only when switched on, every request and
 * response at DEBUG. A successful call logs nothing above DEBUG. Credentials never appear: the
 * {@code authorization}, {@code x-api-key} and {@code api-key} headers are always redacted, and
 * so is the API key wherever else it shows. Internal: not part of the API.
 */
public final class CallLog {
  public static final String NAME = "dev.llmcall.runtime";
  static final String REDACTED = "[redacted]";
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "api-key",
      "proxy-authorization");

  private final Logger logger;
  private final boolean exchanges;
  private final Set<Object> failedOnce = ConcurrentHashMap.newKeySet();

  /** Logs to {@value #NAME}; {@code exchanges} switches request and response logging on. */
  public CallLog(boolean exchanges) {
    this(null, exchanges);
  }

  /** Logs to {@code logger}, or to {@value #NAME} when it is {@code null}. */
  public CallLog(Logger logger, boolean exchanges) {
    this.logger = logger;
    this.exchanges = exchanges;
  }

  /** Whether requests and responses are logged. */
  boolean exchanges() {
    return exchanges;
  }

  /** A failed attempt the call retries. */
  void retry(String method, String provider, Attempt a) {
    Logger log = logger();
    if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, method + " on " + provider + ": attempt " + a.number() + " failed with "
          + a.failure() + (a.httpStatus() == 0 ? "" : " (HTTP " + a.httpStatus() + ")")
          + "; retrying in " + a.waitAfter().toMillis() + " ms ("
          + a.waitSource().name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /** A call's final failure; its message is already free of the API key. */
  void failed(LlmException e) {
    Logger log = logger();
    if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, e.method() + " on " + e.provider() + " failed after " + e.attempts()
          + (e.attempts() == 1 ? " attempt: " : " attempts: ") + e.getMessage());
    }
  }

  /** A circuit breaker changed state: WARNING when it opens, INFO otherwise. */
  public void transition(CircuitBreaker.Transition t) {
    boolean opening = t.to() == CircuitBreaker.State.OPEN || t.to() == CircuitBreaker.State.FORCED_OPEN;
    logger().log(opening ? Level.WARNING : Level.INFO, "circuit breaker '" + t.breaker() + "': "
        + t.from() + " -> " + t.to() + " (" + t.reason() + ")");
  }

  /** A listener or hook threw: the first failure of each at WARNING, the rest at DEBUG. */
  void hookFailed(Object hook, String what, RuntimeException e) {
    Object key = hook instanceof dev.llmcall.runtime.CallContextPropagator.Captured
        ? hook.getClass() : hook;
    boolean first = failedOnce.add(key);
    Logger log = logger();
    if (first || log.isLoggable(Level.DEBUG)) {
      log.log(first ? Level.WARNING : Level.DEBUG, hook.getClass().getName() + " threw in " + what
          + "; ignored" + (first ? " (later failures of it are logged at DEBUG)" : ""), e);
    }
  }

  /**
   * An attempt's request, with credentials redacted, when exchanges are logged.
   *
   * @param redact takes the call's credentials and secrets out of a string
   */
  void request(String method, HttpRequest request, byte[] body, UnaryOperator<String> redact) {
    if (!exchanges) {
      return; // before the logger: a runtime that logs no exchanges never looks it up per call
    }
    Logger log = logger();
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    StringBuilder b = new StringBuilder(method).append(" --> ").append(request.method()).append(' ')
        .append(request.uri());
    for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
      for (String value : h.getValue()) {
        b.append('\n').append(h.getKey()).append(": ").append(header(h.getKey(), value, redact));
      }
    }
    b.append("\n\n").append(redact.apply(new String(body, StandardCharsets.UTF_8)));
    log.log(Level.DEBUG, b.toString());
  }

  /** An attempt's answer, or its failure, when exchanges are logged. */
  void response(String method, int status, String requestId, long tookNanos, String text,
      UnaryOperator<String> redact) {
    if (!exchanges) {
      return;
    }
    Logger log = logger();
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    log.log(Level.DEBUG, method + " <-- " + (status == 0 ? "no response" : status)
        + (requestId == null ? "" : " " + redact.apply(requestId)) + " ("
        + tookNanos / 1_000_000 + " ms)" + (text == null ? "" : "\n\n" + redact.apply(text)));
  }

  /** A header's value as logged: redacted for the credential headers, whatever their value. */
  static String header(String name, String value, UnaryOperator<String> redact) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : redact.apply(value);
  }

  private Logger logger() {
    return logger != null ? logger : Default.LOGGER;
  }

  /** Looked up on first use, not at class load: the logging back end loads only if needed. */
  private static final class Default {
    static final Logger LOGGER = System.getLogger(NAME);
  }
}
