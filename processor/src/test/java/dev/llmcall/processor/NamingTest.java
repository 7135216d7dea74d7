package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constant names derived from method names. */
class NamingTest {

  @ParameterizedTest
  @CsvSource({
    "summarize, SUMMARIZE",
    "summarizeAsync, SUMMARIZE_ASYNC",
    "parseHTTPReply, PARSE_HTTP_REPLY",
    "getURL, GET_URL",
    "v2Call, V2_CALL",
    "already_snake, ALREADY_SNAKE",
    "X, X"
  })
  void upperSnake(String method, String constant) {
    assertThat(ClientImplWriter.upperSnake(method)).isEqualTo(constant);
  }
}
