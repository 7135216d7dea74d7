package dev.llmcall.runtime;

/**
 * How a runtime keeps each provider under its rate limits instead of earning 429s, and how many
 * exchanges it lets run against it at once (the bulkhead).
 *
 * <p><b>Budgets.</b> Each provider's responses, successes and failures, plain and streamed, say
 * how many requests and tokens are left and when they come back (OpenAI's {@code
 * x-ratelimit-*-requests|tokens}, Anthropic's {@code anthropic-ratelimit-*}). The runtime keeps
 * that budget per provider, key and model (OpenAI's limits are per model), and before each
 * attempt estimates what it will cost: one request, and {@code ceil(UTF-8 bytes of the request
 * body / 4)} input tokens plus the output tokens it asks for at most ({@code maxTokens}; on
 * Anthropic 4096 when unset, as that is what is sent). When the budget would be exceeded, the call
 * waits until it comes back, inside its deadline, instead of being sent to earn a 429; it fails
 * at once with {@link ErrorCategory#RATE_LIMIT} when that wait would pass its deadline or when
 * {@code maxQueued} calls already wait. A 429 empties the budget until its retry hint. What other
 * processes sharing the key took between two responses is kept free for them, so several JVMs
 * on one key converge without talking to each other. A key is never kept, only a hash of it;
 * the credentials a supplier gives are taken to belong to one account.
 *
 * <p><b>Bulkhead.</b> At most {@code maxConcurrentRequests} plain requests and, counted apart,
 * {@code maxConcurrentStreams} streams are in flight per provider; a further call waits for one
 * to end, in the same queue and inside its deadline, or fails at once as above.
 *
 * <pre>{@code
 * LlmRuntime.builder()
 *     .rateShaping(RateShaping.DEFAULT.withBulkhead(64, 16))               // every provider
 *     .rateShaping("vllm", RateShaping.DEFAULT.withStaticLimits(600, 0))   // one provider
 * }</pre>
 *
 * <p>Waiting for budget is not an attempt; {@link CallMetrics#shapingWaits()} and {@link
 * CallMetrics#shapingRejections()} count it, and a wait for budget after a failed attempt is that
 * attempt's {@link Attempt.WaitSource#RATE_SHAPING}.
 *
 * @param fromHeaders learn each budget from the provider's rate-limit headers
 * @param requestsPerMinute a known request limit, 0 for none: the budget to start from (or to
 *     keep, without headers), in windows of one minute from the first call
 * @param tokensPerMinute a known token limit (input and output), 0 for none
 * @param maxQueued how many calls may wait per provider, for budget or for the bulkhead; 0 makes
 *     every call that would wait fail at once
 * @param maxConcurrentRequests plain requests in flight per provider, 0 for no limit
 * @param maxConcurrentStreams streams in flight per provider, 0 for no limit
 */
public record RateShaping(boolean fromHeaders, long requestsPerMinute, long tokensPerMinute,
    int maxQueued, int maxConcurrentRequests, int maxConcurrentStreams) {

  /**
   * The default: learn from headers, no static limits, at most 256 calls waiting per provider,
   * no bulkhead (how many exchanges a provider takes at once depends on the application).
   */
  public static final RateShaping DEFAULT = new RateShaping(true, 0, 0, 256, 0, 0);

  public RateShaping {
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException("limits must be >= 0: " + requestsPerMinute + " requests, "
          + tokensPerMinute + " tokens");
    }
    if (maxQueued < 0 || maxConcurrentRequests < 0 || maxConcurrentStreams < 0) {
      throw new IllegalArgumentException("maxQueued and the bulkhead must be >= 0: " + maxQueued
          + ", " + maxConcurrentRequests + ", " + maxConcurrentStreams);
    }
  }

  /** No shaping and no bulkhead: every call is sent as soon as it is made, as before. */
  public static RateShaping off() {
    return new RateShaping(false, 0, 0, 0, 0, 0);
  }

  /** Whether this shapes nothing. */
  public boolean isOff() {
    return !fromHeaders && requestsPerMinute == 0 && tokensPerMinute == 0
        && maxConcurrentRequests == 0 && maxConcurrentStreams == 0;
  }

  /** This, learning from the provider's headers or not. */
  public RateShaping withHeaders(boolean on) {
    return new RateShaping(on, requestsPerMinute, tokensPerMinute, maxQueued,
        maxConcurrentRequests, maxConcurrentStreams);
  }

  /** This, with known per-minute limits (0 for none) to start from, or to keep without headers. */
  public RateShaping withStaticLimits(long requestsPerMinute, long tokensPerMinute) {
    return new RateShaping(fromHeaders, requestsPerMinute, tokensPerMinute, maxQueued,
        maxConcurrentRequests, maxConcurrentStreams);
  }

  /** This, with at most {@code maxQueued} calls waiting per provider. */
  public RateShaping withMaxQueued(int maxQueued) {
    return new RateShaping(fromHeaders, requestsPerMinute, tokensPerMinute, maxQueued,
        maxConcurrentRequests, maxConcurrentStreams);
  }

  /** This, with a bulkhead of {@code requests} plain requests and {@code streams} streams (0: none). */
  public RateShaping withBulkhead(int requests, int streams) {
    return new RateShaping(fromHeaders, requestsPerMinute, tokensPerMinute, maxQueued, requests,
        streams);
  }
}
