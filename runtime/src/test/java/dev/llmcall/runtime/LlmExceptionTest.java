package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LlmExceptionTest {
  private static Attempt failed(int n) {
    return new Attempt(n, ErrorCategory.RATE_LIMIT, 429, Duration.ZERO, Duration.ZERO, Attempt.WaitSource.NONE, null);
  }

  @Test
  void messageCarriesEveryPieceOfContext() {
    LlmException e = LlmException.builder(ErrorCategory.RATE_LIMIT, "Rate limit reached")
        .retryable(true).retryAfter(Duration.ofMillis(1500)).httpStatus(429).provider("openai")
        .providerCode("rate_limit_exceeded").requestId("req_1").method("Assistant.summarize")
        .history(List.of(failed(1), failed(2), failed(3))).build();
    assertEquals("[RATE_LIMIT] openai: HTTP 429: Rate limit reached (in Assistant.summarize, "
        + "code rate_limit_exceeded, request id req_1, 3 attempts, retry after 1500 ms, retryable)",
        e.getMessage());
    assertEquals(OptionalInt.of(429), e.httpStatus());
    assertEquals(Optional.of(Duration.ofMillis(1500)), e.retryAfter());
  }

  @Test
  void absentFieldsAreEmpty() {
    LlmException e = LlmException.builder(ErrorCategory.NETWORK, "connection refused").build();
    assertEquals(OptionalInt.empty(), e.httpStatus());
    assertTrue(e.retryAfter().isEmpty());
    assertTrue(e.requestId().isEmpty());
    assertEquals("[NETWORK] connection refused (not retryable)", e.getMessage());
  }

  @Test
  void toBuilderCopiesEveryField() {
    LlmException e = LlmException.builder(ErrorCategory.SERVER_ERROR, "x").retryable(true)
        .httpStatus(503).provider("p").requestId("r").method("m").history(List.of(failed(1))).build();
    LlmException copy = e.toBuilder().build();
    assertEquals(e.getMessage(), copy.getMessage());
  }
}
