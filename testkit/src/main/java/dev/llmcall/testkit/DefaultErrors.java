package dev.llmcall.testkit;

/**
 * The provider-shaped default error for an HTTP status, in both wire formats, as the real APIs send
 * them.
 *
 * @param openAiType OpenAI {@code error.type}
 * @param openAiCode OpenAI {@code error.code} (may be null, as it often is for real)
 * @param openAiMessage OpenAI {@code error.message}
 * @param anthropicType Anthropic {@code error.type}
 * @param anthropicMessage Anthropic {@code error.message}
 */
record DefaultErrors(
    String openAiType,
    String openAiCode,
    String openAiMessage,
    String anthropicType,
    String anthropicMessage) {

  static DefaultErrors forStatus(int status) {
    return switch (status) {
      case 400 -> new DefaultErrors("invalid_request_error", null, "Invalid request.",
          "invalid_request_error", "Invalid request.");
      case 401 -> new DefaultErrors("invalid_request_error", "invalid_api_key",
          "Incorrect API key provided: sk-***", "authentication_error", "invalid x-api-key");
      case 403 -> new DefaultErrors("permission_error", "permission_denied",
          "You are not allowed to access this resource.", "permission_error",
          "Your API key does not have permission to use the specified resource.");
      case 404 -> new DefaultErrors("invalid_request_error", "model_not_found",
          "The model does not exist or you do not have access to it.", "not_found_error", "Not found");
      case 429 -> new DefaultErrors("requests", "rate_limit_exceeded",
          "Rate limit reached for requests. Please try again later.", "rate_limit_error",
          "Number of requests has exceeded your rate limit.");
      case 500 -> new DefaultErrors("server_error", null,
          "The server had an error while processing your request.", "api_error", "Internal server error");
      case 503 -> new DefaultErrors("server_error", null, "The server is overloaded or not ready yet.",
          "api_error", "Service unavailable");
      case 529 -> new DefaultErrors("server_error", null, "The server is overloaded.",
          "overloaded_error", "Overloaded");
      default -> generic(status);
    };
  }

  /** The OpenAI {@code error.type} for a status, used by {@link FakeReply#error}. */
  static String openAiTypeFor(int status) {
    return forStatus(status).openAiType();
  }

  private static DefaultErrors generic(int status) {
    String message = "Fake provider error (HTTP " + status + ").";
    return status < 500
        ? new DefaultErrors("invalid_request_error", null, message, "invalid_request_error", message)
        : new DefaultErrors("server_error", null, message, "api_error", message);
  }
}
