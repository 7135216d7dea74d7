package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rate limit that a {@link FakeLlmServer} enforces over every chat request it serves, whatever
 * its wire or key, as a provider enforces an organisation's limit: a request that would pass it
 * gets a 429, and every response, refused or served, plain or streamed, carries the limit's exact
 * headers in the request's wire, on the test's (virtual) time.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * FakeRateLimit limit = FakeRateLimit.perMinute(60, 40_000).time(time, time.clock());
 * server.rateLimit(limit);
 * ... calls ...
 * assertEquals(0, limit.refused());
 * }</pre>
 *
 * <p>The rules: windows of one minute, the first starting with the first request; each request
 * costs one request, {@code ceil(UTF-8 bytes of its body / 4)} input tokens and the output tokens
 * its body asks for at most ({@code max_tokens} or {@code max_completion_tokens}, else 0). The
 * {@code tokens} limit counts input and output together; {@link #inputTokens} and {@link
 * #outputTokens} add Anthropic's separate ones. A request is served only if every configured limit
 * has room for it, and is then counted; a refused one is not counted, gets its wire's 429 rate
 * limit error with {@code retry-after} (whole seconds to the window's end, rounded up), and still
 * takes the scripted reply it would have had. Headers:
 * <ul>
 *   <li>OpenAI: {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests}, {@code
 *       x-ratelimit-reset-requests} and the same for {@code -tokens}; resets as Go durations
 *       ({@code 59.5s}, {@code 1m0s}, {@code 250ms}), rounded up to the millisecond.
 *   <li>Anthropic: {@code anthropic-ratelimit-requests-limit|remaining|reset}, the same for
 *       {@code tokens}, and for {@code input-tokens} and {@code output-tokens} when set; resets as
 *       RFC 3339 times of the wall clock, rounded up to the second.
 * </ul>
 * Thread-safe.
 */
public final class FakeRateLimit {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private static final int REQUESTS = 0;
  private static final int TOKENS = 1;
  private static final int INPUT = 2;
  private static final int OUTPUT = 3;

  private final long[] limits;
  private final Scheduler time;
  private final Clock wall;
  private final long[] used = new long[4];
  private boolean started;
  private long windowEnd;
  private int served;
  private int refused;
  private final List<Long> servedPerWindow = new ArrayList<>();

  private FakeRateLimit(long[] limits, Scheduler time, Clock wall) {
    this.limits = limits;
    this.time = time;
    this.wall = wall;
  }

  /** A limit of {@code requests} requests and {@code tokens} tokens a minute (0: no token limit). */
  public static FakeRateLimit perMinute(long requests, long tokens) {
    if (requests < 1 || tokens < 0) {
      throw new IllegalArgumentException("requests must be >= 1 and tokens >= 0");
    }
    return new FakeRateLimit(new long[] {requests, tokens, 0, 0}, Scheduler.system(), Clock.systemUTC());
  }

  /** This limit, with Anthropic's input tokens a minute as well. */
  public FakeRateLimit inputTokens(long perMinute) {
    return with(INPUT, perMinute);
  }

  /** This limit, with Anthropic's output tokens a minute as well. */
  public FakeRateLimit outputTokens(long perMinute) {
    return with(OUTPUT, perMinute);
  }

  /**
   * This limit on {@code time} (for its windows and resets, a {@link VirtualScheduler} in tests)
   * and {@code wall} (for Anthropic's reset times; {@link VirtualScheduler#clock()} in tests).
   */
  public FakeRateLimit time(Scheduler time, Clock wall) {
    return new FakeRateLimit(limits.clone(), Objects.requireNonNull(time, "time"),
        Objects.requireNonNull(wall, "wall"));
  }

  private FakeRateLimit with(int d, long perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be >= 1: " + perMinute);
    }
    long[] more = limits.clone();
    more[d] = perMinute;
    return new FakeRateLimit(more, time, wall);
  }

  /** Requests served (not refused) so far. */
  public synchronized int served() {
    return served;
  }

  /** Requests refused with a 429 so far. */
  public synchronized int refused() {
    return refused;
  }

  /** Requests served in each window so far, the current one last. */
  public synchronized List<Long> servedPerWindow() {
    return List.copyOf(servedPerWindow);
  }

  /** {@code reply} with this limit's headers if the request fits, else the 429 that replaces it. */
  FakeReply apply(WireFormat format, String body, FakeReply reply) {
    long input = (body.getBytes(StandardCharsets.UTF_8).length + 3L) / 4;
    long output = maxTokens(body);
    long[] need = {1, input + output, input, output};
    long now = time.nanoTime();
    long[] left = new long[4];
    boolean fits = true;
    long end;
    synchronized (this) {
      if (!started || now >= windowEnd) {
        long start = started ? windowEnd + (now - windowEnd) / WINDOW_NANOS * WINDOW_NANOS : now;
        windowEnd = start + WINDOW_NANOS;
        started = true;
        java.util.Arrays.fill(used, 0);
        servedPerWindow.add(0L);
      }
      for (int d = 0; d < 4; d++) {
        fits &= limits[d] == 0 || used[d] + need[d] <= limits[d];
      }
      for (int d = 0; d < 4; d++) {
        used[d] += fits ? need[d] : 0;
        left[d] = limits[d] - used[d];
      }
      if (fits) {
        served++;
        servedPerWindow.set(servedPerWindow.size() - 1, servedPerWindow.get(servedPerWindow.size() - 1) + 1);
      } else {
        refused++;
      }
      end = windowEnd;
    }
    long resetNanos = end - now;
    FakeReply out = fits ? reply : FakeReply.status(429)
        .header("retry-after", Long.toString((resetNanos + 999_999_999L) / 1_000_000_000L));
    return format == WireFormat.ANTHROPIC
        ? anthropicHeaders(out, left, wall.instant().plusNanos(resetNanos))
        : openAiHeaders(out, left, resetNanos);
  }

  private FakeReply openAiHeaders(FakeReply reply, long[] left, long resetNanos) {
    String reset = goDuration(resetNanos);
    FakeReply out = reply.header("x-ratelimit-limit-requests", Long.toString(limits[REQUESTS]))
        .header("x-ratelimit-remaining-requests", Long.toString(left[REQUESTS]))
        .header("x-ratelimit-reset-requests", reset);
    if (limits[TOKENS] > 0) {
      out = out.header("x-ratelimit-limit-tokens", Long.toString(limits[TOKENS]))
          .header("x-ratelimit-remaining-tokens", Long.toString(left[TOKENS]))
          .header("x-ratelimit-reset-tokens", reset);
    }
    return out;
  }

  private FakeReply anthropicHeaders(FakeReply reply, long[] left, Instant reset) {
    Instant whole = reset.getNano() == 0 ? reset : reset.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String[] names = {"requests", "tokens", "input-tokens", "output-tokens"};
    FakeReply out = reply;
    for (int d = 0; d < 4; d++) {
      if (limits[d] > 0) {
        String prefix = "anthropic-ratelimit-" + names[d];
        out = out.header(prefix + "-limit", Long.toString(limits[d]))
            .header(prefix + "-remaining", Long.toString(left[d]))
            .header(prefix + "-reset", whole.toString());
      }
    }
    return out;
  }

  /** A Go duration, as OpenAI writes its resets: {@code 1m0s}, {@code 59.5s}, {@code 250ms}. */
  static String goDuration(long nanos) {
    long millis = (nanos + 999_999) / 1_000_000;
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = rest % 1000 == 0 ? Long.toString(rest / 1000)
        : Duration.ofMillis(rest).toString().replace("PT", "").replace("S", "");
    return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
  }

  private static long maxTokens(String body) {
    JsonNode root = Json.parseLenient(body);
    JsonNode max = root.has("max_completion_tokens") ? root.get("max_completion_tokens")
        : root.get("max_tokens");
    return max != null && max.canConvertToLong() ? max.asLong() : 0;
  }
}
