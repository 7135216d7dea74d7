package dev.llmcall.runtime.internal.failure;

import static dev.llmcall.runtime.ErrorCategory.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.internal.transport.BoundedBody;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns a failed provider call (an HTTP error response, a failure with no response, or an error
 * inside a streamed 200) into a {@link Classification}: category, retryability, the provider's
 * retry hint and a short detail with API keys redacted. Stateless and thread-safe.
 *
 * <p>Internal: not part of the API.
 */
public final class ErrorClassifier {

  // ---- The rules, all in one place ----

  /** HTTP status to category and retryability; the first row covering the status wins. */
  private static final List<StatusRule> STATUS_RULES = List.of(
      new StatusRule(401, 401, AUTHENTICATION, false),
      new StatusRule(403, 403, AUTHENTICATION, false),
      new StatusRule(429, 429, RATE_LIMIT, true),
      new StatusRule(408, 408, TIMEOUT, true),
      new StatusRule(400, 400, VALIDATION, false),
      new StatusRule(404, 404, VALIDATION, false),
      new StatusRule(413, 413, VALIDATION, false),
      new StatusRule(422, 422, VALIDATION, false),
      new StatusRule(409, 409, UNKNOWN, true),
      new StatusRule(500, Integer.MAX_VALUE, SERVER_ERROR, true)); // includes 529 and 52x
  /** Any status no row covers: 3xx, 402, 418, ... */
  private static final StatusRule OTHER_STATUS = new StatusRule(0, 0, UNKNOWN, false);

  private static final Set<String> CONTENT_FILTER_CODES = Set.of(
      "invalid_prompt", "content_filter", "moderation_blocked", "content_policy_violation");
  private static final String AZURE_POLICY_VIOLATION = "ResponsibleAIPolicyViolation";
  private static final Pattern MODERATION_MESSAGE =
      Pattern.compile("(?i)\\b(?:moderation|flagged)\\b");
  private static final Set<String> QUOTA_CODES = Set.of(
      "insufficient_quota", "billing_hard_limit_reached", "billing_error");
  /** Quota or credit exhaustion. Not "exhausted" alone: gRPC-style rate limits say that too. */
  private static final Pattern QUOTA_MESSAGE = Pattern.compile("(?i)\\bcredits?\\b"
      + "|\\bspend(?:ing)? limit|exceeded your current quota|insufficient (?:balance|funds)"
      + "|reached your (?:specified )?(?:api )?usage limit"
      + "|\\b(?:quota|budget|balance)\\b.{0,40}\\bexhausted");
  private static final Pattern BAD_KEY_MESSAGE =
      Pattern.compile("(?i)\\b(?:incorrect|invalid|missing|no) api[ _-]?key\\b");
  private static final Pattern CONTEXT_LENGTH_MESSAGE = Pattern.compile(
      "(?i)context[ _-]?(?:length|window)|prompt is too long|too many (?:input )?tokens");
  private static final String CONTEXT_LENGTH_CODE = "context_length_exceeded";
  private static final String CONTEXT_LENGTH_DETAIL = "context length exceeded: ";

  // Words without which a pattern above cannot match: a plain indexOf on the lower-cased message
  // rules most messages out before any regex runs (the classifier sits on every failed attempt).
  private static final List<String> MODERATION_WORDS = List.of("moderation", "flagged");
  private static final List<String> QUOTA_WORDS = List.of(
      "credit", "spend", "quota", "insufficient", "usage limit", "budget", "balance");
  private static final List<String> KEY_WORDS = List.of("api");
  private static final List<String> CONTEXT_WORDS = List.of("context", "too long", "too many");
  private static final List<String> KEY_PREFIXES = List.of("sk-", "xai-");

  /**
   * Signals in the error body, checked in order before the status; the first match wins and none
   * is retryable. Status 0 stands for an in-band error, which has no status.
   */
  private static final List<BodyRule> BODY_RULES = List.of(
      // OpenAI invalid_prompt, Azure content_filter, gateways' moderation codes
      new BodyRule(CONTENT_FILTER, e -> CONTENT_FILTER_CODES.contains(e.lowerCode())),
      // Azure: error.innererror.code
      new BodyRule(CONTENT_FILTER, e -> AZURE_POLICY_VIOLATION.equalsIgnoreCase(e.innerCode())),
      // OpenRouter: error.metadata.reasons
      new BodyRule(CONTENT_FILTER, ErrorBody::hasModerationReasons),
      new BodyRule(CONTENT_FILTER,
          e -> e.statusIn(0, 400, 403) && e.messageHas(MODERATION_MESSAGE, MODERATION_WORDS)),
      // OpenAI insufficient_quota, xAI credits or spending limit, Anthropic credit balance
      new BodyRule(RATE_LIMIT, e -> e.isClientError()
          && (e.codeOrTypeIn(QUOTA_CODES) || e.messageHas(QUOTA_MESSAGE, QUOTA_WORDS))),
      // xAI answers a wrong key with 400 "Incorrect API key provided: ..."
      new BodyRule(AUTHENTICATION, e -> e.statusIn(0, 400)
          && ("invalid_api_key".equals(e.lowerCode()) || e.messageHas(BAD_KEY_MESSAGE, KEY_WORDS))),
      // in a stream there is no 400 to say so
      new BodyRule(VALIDATION, e -> e.statusIn(0) && isContextLength(e)));

  /** In-band error code or type (code first) to outcome; others are SERVER_ERROR, retryable. */
  private static final Map<String, Outcome> IN_BAND_TYPES = Map.ofEntries(
      Map.entry("overloaded_error", new Outcome(SERVER_ERROR, true)),
      Map.entry("api_error", new Outcome(SERVER_ERROR, true)),
      Map.entry("rate_limit_error", new Outcome(RATE_LIMIT, true)),
      Map.entry("rate_limit_exceeded", new Outcome(RATE_LIMIT, true)),
      Map.entry("timeout_error", new Outcome(TIMEOUT, true)),
      Map.entry("authentication_error", new Outcome(AUTHENTICATION, false)),
      Map.entry("permission_error", new Outcome(AUTHENTICATION, false)),
      Map.entry("invalid_request_error", new Outcome(VALIDATION, false)),
      Map.entry("not_found_error", new Outcome(VALIDATION, false)),
      Map.entry("request_too_large", new Outcome(VALIDATION, false)));
  private static final Outcome OTHER_IN_BAND = new Outcome(SERVER_ERROR, true);

  /**
   * Failures with no response, for an IOException (or UnresolvedAddressException) at the top:
   * the first row matching anything in its cause chain wins. All are retryable.
   */
  private static final List<TransportRule> TRANSPORT_RULES = List.of(
      new TransportRule(HttpConnectTimeoutException.class, null, TIMEOUT, "connect timed out"),
      new TransportRule(HttpTimeoutException.class, null, TIMEOUT, "request timed out"),
      new TransportRule(SocketTimeoutException.class, null, TIMEOUT, "request timed out"),
      new TransportRule(UnknownHostException.class, null, NETWORK, "unknown host"),
      new TransportRule(UnresolvedAddressException.class, null, NETWORK, "unknown host"),
      new TransportRule(SSLException.class, null, NETWORK, "TLS failure"),
      new TransportRule(ConnectException.class, null, NETWORK, "could not connect"),
      new TransportRule(EOFException.class, null, NETWORK, "connection closed early"),
      new TransportRule(IOException.class, "reset", NETWORK, "connection reset"),
      new TransportRule(IOException.class, "received no bytes", NETWORK,
          "connection closed before a response"),
      new TransportRule(Throwable.class, null, NETWORK, "I/O failure")); // any other IOException

  /** API keys to redact from every detail; the longer prefix comes first. */
  private static final Pattern API_KEY =
      Pattern.compile("(?<![A-Za-z0-9])(sk-ant-|xai-|sk-)[A-Za-z0-9_\\-*]{6,}");

  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
  private static final int MAX_DETAIL = 300;
  private static final int MAX_CHAIN = 8;

  private ErrorClassifier() {}

  /** Classifies a non-2xx HTTP response. Never throws: an unreadable body leaves the status. */
  public static Classification classifyHttp(
      int status, HttpHeaders headers, String body, Clock clock) {
    HttpHeaders h = headers == null ? NO_HEADERS : headers;
    try {
      ErrorBody info = ErrorBody.ofHttp(status, body);
      Outcome outcome = bodyOutcome(info).orElseGet(() -> statusOutcome(status));
      boolean retryable = outcome.category() != CONTENT_FILTER && retryable(h, outcome.retryable());
      return new Classification(outcome.category(), retryable, RetryAfter.parse(h, clock),
          detail(info, outcome.category()), info.providerCode());
    } catch (RuntimeException e) { // a safety net: classifying must never hide the real failure
      Outcome outcome = statusOutcome(status);
      return new Classification(outcome.category(), outcome.retryable(), null,
          "HTTP " + status + " (its error body could not be classified)", null);
    }
  }

  /** Classifies a failure that happened before any response arrived. */
  public static Classification classifyTransport(Throwable failure) {
    Throwable top = unwrap(failure);
    for (Throwable t : causeChain(top)) {
      if (t instanceof BoundedBody.TooLarge) { // would come back as long: not retried
        return new Classification(UNKNOWN, false, null, shorten(t.getMessage()), null);
      }
      if (t instanceof Error) { // out of memory is not a network failure: never retried
        return new Classification(UNKNOWN, false, null,
            shorten("the JVM failed while reading the response: " + describe(t)), null);
      }
    }
    if (!(top instanceof IOException || top instanceof UnresolvedAddressException)) {
      String what = top == null ? "no failure was given" : "unexpected failure: " + describe(top);
      return new Classification(UNKNOWN, false, null, shorten(what), null);
    }
    List<Throwable> chain = causeChain(top);
    for (TransportRule rule : TRANSPORT_RULES) {
      for (Throwable t : chain) {
        if (rule.matches(t)) {
          String what = describe(top) + (t == top ? "" : ", caused by " + describe(t));
          return new Classification(
              rule.category(), true, null, shorten(rule.what() + " (" + what + ")"), null);
        }
      }
    }
    throw new AssertionError("the last transport rule matches everything");
  }

  /** Classifies an error event that arrived inside a 200 (streamed) response. */
  public static Classification classifyInBandError(String json) {
    String text = json == null ? "" : json.strip();
    JsonNode root = ErrorBody.readJson(text);
    if (root == null || !(root.isObject() || root.isArray())) {
      String what = "unreadable in-band error: " + (text.isEmpty() ? "(empty)" : text);
      return new Classification(UNKNOWN, false, null, shorten(what), null);
    }
    ErrorBody info = ErrorBody.ofJson(0, root, "in-band error with no message");
    Outcome outcome = bodyOutcome(info).orElseGet(() -> inBandOutcome(info));
    return new Classification(outcome.category(), outcome.retryable(), null,
        detail(info, outcome.category()), info.providerCode());
  }

  // ---- Applying the rules ----

  private static Optional<Outcome> bodyOutcome(ErrorBody info) {
    return BODY_RULES.stream()
        .filter(rule -> rule.when().test(info))
        .findFirst()
        .map(rule -> new Outcome(rule.category(), false));
  }

  private static Outcome statusOutcome(int status) {
    StatusRule rule = STATUS_RULES.stream()
        .filter(r -> status >= r.from() && status <= r.to())
        .findFirst()
        .orElse(OTHER_STATUS);
    return new Outcome(rule.category(), rule.retryable());
  }

  /** An in-band error: a numeric code is an HTTP status (OpenRouter), else the code or type. */
  private static Outcome inBandOutcome(ErrorBody info) {
    if (info.lowerCode().matches("[1-9][0-9]{2}")) {
      return statusOutcome(Integer.parseInt(info.lowerCode()));
    }
    Outcome byCode = IN_BAND_TYPES.get(info.lowerCode());
    return byCode != null ? byCode : IN_BAND_TYPES.getOrDefault(info.lowerType(), OTHER_IN_BAND);
  }

  /** {@code x-should-retry: true|false}, in any case, overrides; other values do not. */
  private static boolean retryable(HttpHeaders headers, boolean otherwise) {
    String value = headers.firstValue("x-should-retry").orElse("").strip();
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
        ? value.equalsIgnoreCase("true")
        : otherwise;
  }

  /**
   * Whether {@code c} is a prompt too long for the model (a VALIDATION failure), which a fallback
   * chain may move on for, to a target with a larger context.
   */
  public static boolean isContextLength(Classification c) {
    return c.category() == VALIDATION && (CONTEXT_LENGTH_CODE.equalsIgnoreCase(c.providerCode())
        || c.detail().startsWith(CONTEXT_LENGTH_DETAIL));
  }

  private static boolean isContextLength(ErrorBody e) {
    return CONTEXT_LENGTH_CODE.equals(e.lowerCode())
        || e.messageHas(CONTEXT_LENGTH_MESSAGE, CONTEXT_WORDS);
  }

  private static String detail(ErrorBody info, ErrorCategory category) {
    String base = info.message() != null ? info.message() : info.note();
    boolean contextLength = category == VALIDATION && isContextLength(info);
    return shorten(contextLength ? CONTEXT_LENGTH_DETAIL + base : base);
  }

  // ---- Transport helpers and text ----

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    for (int i = 0; i < MAX_CHAIN && t != null && t.getCause() != null; i++) {
      if (!(t instanceof CompletionException || t instanceof ExecutionException
          || t instanceof UncheckedIOException)) {
        break;
      }
      t = t.getCause();
    }
    return t;
  }

  private static List<Throwable> causeChain(Throwable top) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = top; t != null && chain.size() < MAX_CHAIN && !chain.contains(t);
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String describe(Throwable t) {
    String name = t.getClass().getSimpleName();
    name = name.isEmpty() ? t.getClass().getName() : name;
    String message = t.getMessage();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  /** Runs of whitespace become one space; without a regex, as most details have none to fold. */
  static String collapse(String s) {
    if (!needsFolding(s)) {
      return s.strip();
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (!inSpace) {
          out.append(' ');
        }
        inSpace = true;
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString().strip();
  }

  /** Whether any whitespace is not a lone plain space. */
  private static boolean needsFolding(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)
          && (c != ' ' || (i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))))) {
        return true;
      }
    }
    return false;
  }

  /** Collapses whitespace, redacts API keys and cuts to {@value #MAX_DETAIL} characters. */
  private static String shorten(String text) {
    String s = collapse(ErrorBody.head(text));
    if (ErrorBody.containsAny(s, KEY_PREFIXES)) {
      s = API_KEY.matcher(s).replaceAll("$1\u2026redacted");
    }
    if (s.length() <= MAX_DETAIL) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(MAX_DETAIL - 2)) ? MAX_DETAIL - 2 : MAX_DETAIL - 1;
    return s.substring(0, end) + "\u2026";
  }

  // ---- Rule and value types ----

  private record Outcome(ErrorCategory category, boolean retryable) {}

  private record StatusRule(int from, int to, ErrorCategory category, boolean retryable) {}

  private record BodyRule(ErrorCategory category, Predicate<ErrorBody> when) {}

  private record TransportRule(
      Class<? extends Throwable> type, String messagePart, ErrorCategory category, String what) {
    boolean matches(Throwable t) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      return type.isInstance(t) && (messagePart == null || message.contains(messagePart));
    }
  }

}
