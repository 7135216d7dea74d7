package dev.llmcall.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception every failed call ends in. It says what went wrong ({@link #category()}),
 * whether trying again could help ({@link #retryable()}), how long the provider asked us to wait
 * ({@link #retryAfter()}), and where: provider, HTTP status, the provider's request id and the
 * interface method. Its message never contains an API key.
 *
 * <pre>{@code
 * try {
 *   return assistant.summarize(text);
 * } catch (LlmException e) {
 *   if (e.category() == ErrorCategory.RATE_LIMIT && !e.retryable()) {
 *     alertBilling(e.provider());           // quota exhausted: retrying will not help
 *   }
 *   throw e;
 * }
 * }</pre>
 */
public final class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;
  private final boolean retryable;
  private final Duration retryAfter;
  private final int httpStatus;
  private final String provider;
  private final String providerCode;
  private final String requestId;
  private final String method;
  private final String clientRequestId;
  private final List<Attempt> history;
  private final boolean circuitOpen;
  private final StreamState stream;
  private final String rawOutput;
  private final List<String> violations;
  private final String detail;
  private final String partialText;
  private final String refusal;
  private final Usage usage;
  private final Cost cost;

  private LlmException(Builder b) {
    super(message(b), b.cause);
    this.category = b.category;
    this.retryable = b.retryable;
    this.retryAfter = b.retryAfter;
    this.httpStatus = b.httpStatus;
    this.provider = b.provider;
    this.providerCode = b.providerCode;
    this.requestId = b.requestId;
    this.method = b.method;
    this.clientRequestId = b.clientRequestId;
    this.history = b.history;
    this.circuitOpen = b.circuitOpen;
    this.stream = b.stream;
    this.rawOutput = b.rawOutput;
    this.violations = b.violations;
    this.detail = b.detail;
    this.partialText = b.partialText;
    this.refusal = b.refusal;
    this.usage = b.usage;
    this.cost = b.cost;
  }

  /** Starts an exception of the given category; {@code detail} is the human-readable reason. */
  public static Builder builder(ErrorCategory category, String detail) {
    return new Builder(category, detail);
  }

  public ErrorCategory category() {
    return category;
  }

  /** Whether the same request could succeed if tried again. */
  public boolean retryable() {
    return retryable;
  }

  /** How long the provider asked us to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The HTTP status of the failed response, if there was a response. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The provider name, such as {@code openai}; {@code null} if the call never reached one. */
  public String provider() {
    return provider;
  }

  /** The provider's own error code, such as {@code insufficient_quota}, if it sent one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** The provider's request id, for its support or logs, if it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The interface method the call came from, as {@code Interface.method}, if known. */
  public String method() {
    return method;
  }

  /** The id llmcall sent as {@code X-Client-Request-Id} on every attempt, if a request was made. */
  public Optional<String> clientRequestId() {
    return Optional.ofNullable(clientRequestId);
  }

  /** Every attempt, in order; empty if the call failed before its first. */
  public List<Attempt> history() {
    return history;
  }

  /**
   * Whether a circuit breaker rejected the call without calling the provider. Then
   * {@link #retryAfter()} is the time until the breaker lets a trial call through, if known.
   */
  public boolean circuitOpen() {
    return circuitOpen;
  }

  /**
   * The text the provider sent before the call failed, so nothing is lost: for a stream, every
   * chunk received (a stream hands each one to its reader before this exception, however slowly
   * it reads); for a content-filter or refusal failure, the text that came with it. Empty when
   * no text was received.
   */
  public Optional<String> partialText() {
    return partialText == null || partialText.isEmpty() ? Optional.empty() : Optional.of(partialText);
  }

  /** The model's refusal text, when it refused (a {@code CONTENT_FILTER} failure). */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * The tokens the provider reported over every attempt of the failed call, added up: a stream cut
   * after 500 tokens or a refusal is billed. {@link Usage#NONE} when it reported none; each
   * attempt's own is in {@link Attempt#usage()}.
   */
  public Usage usage() {
    return usage;
  }

  /**
   * What {@link #usage()} cost at list price, every attempt included, by the price of the model
   * the method asked for in the runtime's {@link PriceTable}; empty when that price is unknown.
   */
  public Optional<Cost> cost() {
    return Optional.ofNullable(cost);
  }

  /** For a streamed call: where the stream was when it failed. */
  public Optional<StreamState> streamState() {
    return Optional.ofNullable(stream);
  }

  /**
   * For a structured result that never fit its schema: the model's last answer, as it came. Empty
   * for other failures.
   */
  public Optional<String> rawOutput() {
    return Optional.ofNullable(rawOutput);
  }

  /**
   * For a structured result that never fit its schema: what was wrong with the last answer, each
   * with its JSON path, such as {@code $.age: expected an integer, got string "forty"}.
   */
  public List<String> violations() {
    return violations;
  }

  /** How many HTTP attempts were made, 0 if none was. */
  public int attempts() {
    return history.size();
  }

  /** The reason alone, without the context that {@link #getMessage()} adds. */
  public String detail() {
    return detail;
  }

  /** A builder with every field of this exception, to add context or change a field. */
  public Builder toBuilder() {
    Builder b = new Builder(category, detail);
    b.retryable = retryable;
    b.retryAfter = retryAfter;
    b.httpStatus = httpStatus;
    b.provider = provider;
    b.providerCode = providerCode;
    b.requestId = requestId;
    b.method = method;
    b.clientRequestId = clientRequestId;
    b.history = history;
    b.circuitOpen = circuitOpen;
    b.stream = stream;
    b.rawOutput = rawOutput;
    b.violations = violations;
    b.partialText = partialText;
    b.refusal = refusal;
    b.usage = usage;
    b.cost = cost;
    b.cause = getCause();
    return b;
  }

  private static String message(Builder b) {
    StringBuilder m = new StringBuilder().append('[').append(b.category).append("] ");
    if (b.provider != null) {
      m.append(b.provider).append(": ");
    }
    if (b.httpStatus != 0) {
      m.append("HTTP ").append(b.httpStatus).append(": ");
    }
    m.append(b.detail);
    StringBuilder context = new StringBuilder();
    appendContext(context, b.method == null ? null : "in " + b.method);
    appendContext(context, b.providerCode == null ? null : "code " + b.providerCode);
    appendContext(context, b.requestId == null ? null : "request id " + b.requestId);
    int attempts = b.history.size();
    appendContext(context, attempts == 0 ? null : attempts + (attempts == 1 ? " attempt" : " attempts"));
    appendContext(context, b.retryAfter == null ? null : "retry after " + b.retryAfter.toMillis() + " ms");
    appendContext(context, b.circuitOpen ? "circuit open" : null);
    appendContext(context, b.partialText == null || b.partialText.isEmpty() ? null
        : "after " + b.partialText.length() + " characters of text");
    appendContext(context, b.retryable ? "retryable" : "not retryable");
    return m.append(" (").append(context).append(')').toString();
  }

  private static void appendContext(StringBuilder context, String part) {
    if (part != null) {
      if (context.length() > 0) {
        context.append(", ");
      }
      context.append(part);
    }
  }

  /** Builds an {@link LlmException}. */
  public static final class Builder {
    private final ErrorCategory category;
    private final String detail;
    private boolean retryable;
    private Duration retryAfter;
    private int httpStatus;
    private String provider;
    private String providerCode;
    private String requestId;
    private String method;
    private String clientRequestId;
    private List<Attempt> history = List.of();
    private boolean circuitOpen;
    private StreamState stream;
    private String rawOutput;
    private List<String> violations = List.of();
    private String partialText;
    private String refusal;
    private Usage usage = Usage.NONE;
    private Cost cost;
    private Throwable cause;

    private Builder(ErrorCategory category, String detail) {
      this.category = Objects.requireNonNull(category, "category == null");
      this.detail = Objects.requireNonNull(detail, "detail == null");
    }

    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 999)) {
        throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
      }
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder providerCode(String providerCode) {
      this.providerCode = providerCode;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder clientRequestId(String clientRequestId) {
      this.clientRequestId = clientRequestId;
      return this;
    }

    /** The attempts made, in order. */
    public Builder history(List<Attempt> history) {
      this.history = List.copyOf(history);
      return this;
    }

    /** Marks a rejection by an open circuit breaker. */
    public Builder circuitOpen(boolean circuitOpen) {
      this.circuitOpen = circuitOpen;
      return this;
    }

    /** The last answer of a structured result that did not fit, and why. */
    public Builder contract(String rawOutput, List<String> violations) {
      this.rawOutput = rawOutput;
      this.violations = List.copyOf(violations);
      return this;
    }

    /** The state of the stream this call was, if it streamed. */
    public Builder stream(StreamState stream) {
      this.stream = stream;
      return this;
    }

    /** The text received before the failure. */
    public Builder partialText(String partialText) {
      this.partialText = partialText;
      return this;
    }

    /** The model's refusal text. */
    public Builder refusal(String refusal) {
      this.refusal = refusal;
      return this;
    }

    /** The tokens reported over every attempt. */
    public Builder usage(Usage usage) {
      this.usage = Objects.requireNonNull(usage, "usage == null");
      return this;
    }

    /** What the usage cost at list price, or {@code null} if the model's price is unknown. */
    public Builder cost(Cost cost) {
      this.cost = cost;
      return this;
    }

    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public LlmException build() {
      return new LlmException(this);
    }
  }
}
