package dev.llmcall.micrometer;

import dev.llmcall.runtime.CallEvent;
import java.util.Locale;

/**
 * Names and values from the OpenTelemetry GenAI semantic conventions, and how llmcall's facts map
 * onto them. Package-private: meters are the module's API, not these strings.
 */
final class GenAi {
  static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  static final String OPERATION_NAME = "gen_ai.operation.name";
  static final String PROVIDER_NAME = "gen_ai.provider.name";
  /** The conventions' older name for {@link #PROVIDER_NAME}, still what many back ends read. */
  static final String SYSTEM = "gen_ai.system";
  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String RESPONSE_MODEL = "gen_ai.response.model";
  static final String TOKEN_TYPE = "gen_ai.token.type";
  static final String ERROR_TYPE = "error.type";

  static final String CHAT = "chat";

  /** The conventions' advised bucket boundaries, in seconds and in tokens. */
  static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
      5.12, 10.24, 20.48, 40.96, 81.92};
  static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144,
      1048576, 4194304, 16777216, 67108864};

  private GenAi() {}

  /** The conventions' name of a provider; llmcall's own name where they have none. */
  static String provider(String llmcallName) {
    return "xai".equals(llmcallName) ? "x_ai" : llmcallName;
  }

  /**
   * {@code error.type} of a call that did not succeed: {@code circuit_open} when an open breaker
   * rejected it, {@code cancelled} when its reader let go, else its category, in lower case.
   */
  static String errorType(CallEvent.Ended e) {
    if (e.outcome() == CallEvent.Outcome.ABANDONED) {
      return "cancelled";
    }
    if (e.failure().circuitOpen()) {
      return "circuit_open";
    }
    return e.failure().category().name().toLowerCase(Locale.ROOT);
  }
}
