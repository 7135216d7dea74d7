package dev.llmcall.runtime.internal.failure;

import static dev.llmcall.runtime.ErrorCategory.AUTHENTICATION;
import static dev.llmcall.runtime.ErrorCategory.CONTENT_FILTER;
import static dev.llmcall.runtime.ErrorCategory.NETWORK;
import static dev.llmcall.runtime.ErrorCategory.RATE_LIMIT;
import static dev.llmcall.runtime.ErrorCategory.SERVER_ERROR;
import static dev.llmcall.runtime.ErrorCategory.TIMEOUT;
import static dev.llmcall.runtime.ErrorCategory.UNKNOWN;
import static dev.llmcall.runtime.ErrorCategory.VALIDATION;
import static dev.llmcall.runtime.internal.failure.RetryAfterTest.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.ErrorCategory;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorClassifierTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  private static Classification http(int status, String body, String... headerNameValues) {
    return ErrorClassifier.classifyHttp(status, headers(headerNameValues), body, CLOCK);
  }

  private static void assertClass(
      Classification c, ErrorCategory category, boolean retryable, String providerCode) {
    assertEquals(category, c.category(), c::toString);
    assertEquals(retryable, c.retryable(), c::toString);
    assertEquals(providerCode, c.providerCode(), c::toString);
  }

  // ---- Realistic provider bodies ----

  static final String OPENAI_401 = """
      {"error": {"message": "Incorrect API key provided: sk-proj-****************************abcd. \
      You can find your API key at https://platform.openai.com/account/api-keys.", \
      "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}""";
  static final String OPENAI_429_RATE = """
      {"error": {"message": "Rate limit reached for gpt-4o in organization org-abc on tokens per \
      min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2s. Visit \
      https://platform.openai.com/account/rate-limits to learn more.", "type": "tokens", \
      "param": null, "code": "rate_limit_exceeded"}}""";
  static final String OPENAI_429_QUOTA = """
      {"error": {"message": "You exceeded your current quota, please check your plan and billing \
      details. For more information on this error, read the docs: \
      https://platform.openai.com/docs/guides/error-codes/api-errors.", \
      "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}""";
  static final String OPENAI_400_CONTEXT = """
      {"error": {"message": "This model's maximum context length is 128000 tokens. However, your \
      messages resulted in 130512 tokens. Please reduce the length of the messages.", \
      "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}""";
  static final String OPENAI_400_INVALID_PROMPT = """
      {"error": {"message": "Invalid prompt: your prompt was flagged as potentially violating our \
      usage policy. Please try again with a different prompt.", "type": "invalid_request_error", \
      "param": null, "code": "invalid_prompt"}}""";
  static final String AZURE_400_CONTENT_FILTER = """
      {"error": {"message": "The response was filtered due to the prompt triggering Azure \
      OpenAI's content management policy. Please modify your prompt and retry.", "type": null, \
      "param": "prompt", "code": "content_filter", "status": 400, "innererror": {"code": \
      "ResponsibleAIPolicyViolation", "content_filter_result": {"hate": {"filtered": false, \
      "severity": "safe"}, "violence": {"filtered": true, "severity": "medium"}}}}}""";
  static final String ANTHROPIC_529 = """
      {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}, \
      "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}""";
  static final String ANTHROPIC_400_TOO_LONG = """
      {"type": "error", "error": {"type": "invalid_request_error", "message": "prompt is too \
      long: 215723 tokens > 200000 maximum"}}""";
  static final String ANTHROPIC_400_CREDITS = """
      {"type": "error", "error": {"type": "invalid_request_error", "message": "Your credit \
      balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or \
      purchase credits."}}""";
  static final String XAI_400_BAD_KEY = """
      {"code": "Client specified an invalid argument", "error": "Incorrect API key provided: \
      xa***. You can obtain an API key from https://console.x.ai."}""";
  static final String XAI_CREDITS = """
      {"code": "Some resource has been exhausted", "error": "Your team \
      16f2151a-40f4-4a80-8ad0-cae00c27e8dd has either used all available credits or reached its \
      monthly spending limit. To continue making API requests, please purchase more credits or \
      raise your spending limit."}""";
  static final String XAI_429_RATE = """
      {"code": "Some resource has been exhausted", "error": "Too many requests: this team has \
      exceeded its requests per second limit. Please retry shortly."}""";
  static final String VLLM_400_CONTEXT = """
      {"object": "error", "message": "This model's maximum context length is 4096 tokens. \
      However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please \
      reduce the length of the messages or completion.", "type": "BadRequestError", \
      "param": null, "code": 400}""";
  static final String VLLM_404 = """
      {"object": "error", "message": "The model `gpt-5` does not exist.", \
      "type": "NotFoundError", "param": null, "code": 404}""";
  static final String OPENROUTER_403_MODERATION = """
      {"error": {"code": 403, "message": "meta-llama/llama-guard requires moderation on \
      OpenAI. Your input was flagged for \\"violence\\"", "metadata": {"reasons": ["violence"], \
      "flagged_input": "how do I ...", "provider_name": "OpenAI", "model_slug": "gpt-4o"}}}""";
  static final String OPENROUTER_402 = """
      {"error": {"message": "Insufficient credits. Add more using \
      https://openrouter.ai/settings/credits", "code": 402, \
      "metadata": {"limit_source": "openrouter_credits"}}}""";
  static final String OPENROUTER_429 = """
      {"error": {"code": 429, "message": "Provider returned error", \
      "metadata": {"provider_name": "Together", "raw": "rate limited upstream"}}}""";
  static final String HTML_502 = """
      <!DOCTYPE html>
      <html>
      <head><title>502 Bad Gateway</title></head>
      <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>
      <script>var lots = "of markup that must never reach a detail";</script>
      </body></html>
      """;

  @Nested
  class Http {
    @ParameterizedTest(name = "HTTP {0} -> {1}, retryable={2}")
    @CsvSource({
      "400, VALIDATION, false",
      "401, AUTHENTICATION, false",
      "403, AUTHENTICATION, false",
      "404, VALIDATION, false",
      "408, TIMEOUT, true",
      "409, UNKNOWN, true",
      "413, VALIDATION, false",
      "422, VALIDATION, false",
      "429, RATE_LIMIT, true",
      "500, SERVER_ERROR, true",
      "502, SERVER_ERROR, true",
      "503, SERVER_ERROR, true",
      "504, SERVER_ERROR, true",
      "520, SERVER_ERROR, true",
      "522, SERVER_ERROR, true",
      "524, SERVER_ERROR, true",
      "529, SERVER_ERROR, true",
      "599, SERVER_ERROR, true",
      "302, UNKNOWN, false",
      "304, UNKNOWN, false",
      "402, UNKNOWN, false",
      "405, UNKNOWN, false",
      "418, UNKNOWN, false",
    })
    void statusTable(int status, ErrorCategory category, boolean retryable) {
      Classification c = http(status, "");
      assertClass(c, category, retryable, null);
      assertEquals("HTTP " + status + " with an empty body", c.detail());
      assertNull(c.retryAfter());
    }

    @Test
    void openAiInvalidKeyIsAuthenticationDespiteItsInvalidRequestType() {
      Classification c = http(401, OPENAI_401);
      assertClass(c, AUTHENTICATION, false, "invalid_api_key");
      assertTrue(
          c.detail().startsWith("Incorrect API key provided: sk-\u2026redacted."), c.detail());
      assertFalse(c.detail().contains("abcd"), c.detail());
    }

    @Test
    void typeAloneNeverDecides() {
      String body = "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Slow down\"}}";
      assertClass(http(429, body), RATE_LIMIT, true, "invalid_request_error");
      String anthropicAuthOn500 =
          "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x\"}}";
      assertClass(http(500, anthropicAuthOn500), SERVER_ERROR, true, "authentication_error");
    }

    @Test
    void openAiRateLimitIsRetryableWithItsHint() {
      Classification c = http(429, OPENAI_429_RATE, "retry-after-ms", "1500", "retry-after", "2");
      assertClass(c, RATE_LIMIT, true, "rate_limit_exceeded");
      assertEquals(Duration.ofMillis(1500), c.retryAfter());
      assertTrue(c.detail().startsWith("Rate limit reached for gpt-4o"), c.detail());
    }

    @Test
    void openAiInsufficientQuotaIsRateLimitNotRetryable() {
      Classification c = http(429, OPENAI_429_QUOTA, "retry-after", "20");
      assertClass(c, RATE_LIMIT, false, "insufficient_quota");
      assertEquals(Duration.ofSeconds(20), c.retryAfter(), "the hint is kept, for information");
      assertTrue(c.detail().startsWith("You exceeded your current quota"), c.detail());
    }

    @Test
    void quotaIsRecognisedByTypeToo() {
      String body =
          "{\"error\":{\"message\":\"no\",\"type\":\"insufficient_quota\",\"code\":null}}";
      assertClass(http(429, body), RATE_LIMIT, false, "insufficient_quota");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 429})
    void xaiCreditsExhaustedIsRateLimitNotRetryable(int status) {
      Classification c = http(status, XAI_CREDITS);
      assertClass(c, RATE_LIMIT, false, "Some resource has been exhausted");
      assertTrue(c.detail().contains("used all available credits"), c.detail());
    }

    @Test
    void xaiPlainRateLimitStaysRetryableThoughItsCodeSaysExhausted() {
      assertClass(http(429, XAI_429_RATE), RATE_LIMIT, true, "Some resource has been exhausted");
    }

    @Test
    void anthropicLowCreditBalanceIsRateLimitNotRetryable() {
      assertClass(http(400, ANTHROPIC_400_CREDITS), RATE_LIMIT, false, "invalid_request_error");
    }

    @Test
    void openRouterInsufficientCreditsOn402IsRateLimitNotRetryable() {
      assertClass(http(402, OPENROUTER_402), RATE_LIMIT, false, "402");
    }

    @Test
    void creditWordsOnAServerErrorDoNotMakeItAQuotaError() {
      String body = "{\"error\":{\"message\":\"credits service unavailable\"}}";
      assertClass(http(503, body), SERVER_ERROR, true, null);
    }

    @Test
    void xaiIncorrectKeyOn400IsAuthentication() {
      Classification c = http(400, XAI_400_BAD_KEY);
      assertClass(c, AUTHENTICATION, false, "Client specified an invalid argument");
      assertTrue(c.detail().startsWith("Incorrect API key provided: xa***."), c.detail());
    }

    @Test
    void openAiContextLengthIsValidationSaidExplicitly() {
      Classification c = http(400, OPENAI_400_CONTEXT);
      assertClass(c, VALIDATION, false, "context_length_exceeded");
      assertTrue(
          c.detail().startsWith("context length exceeded: This model's maximum"), c.detail());
    }

    @Test
    void anthropicPromptTooLongIsValidationSaidExplicitly() {
      Classification c = http(400, ANTHROPIC_400_TOO_LONG);
      assertClass(c, VALIDATION, false, "invalid_request_error");
      assertEquals("context length exceeded: prompt is too long: 215723 tokens > 200000 maximum",
          c.detail());
    }

    @Test
    void vllmObjectErrorContextLengthIsValidationSaidExplicitly() {
      Classification c = http(400, VLLM_400_CONTEXT);
      assertClass(c, VALIDATION, false, "400");
      assertTrue(c.detail().startsWith("context length exceeded: This model's maximum context"));
    }

    @Test
    void vllmObjectErrorNotFound() {
      Classification c = http(404, VLLM_404);
      assertClass(c, VALIDATION, false, "404");
      assertEquals("The model `gpt-5` does not exist.", c.detail());
    }

    @Test
    void ordinaryValidationErrorHasNoContextPrefix() {
      String body = "{\"error\":{\"message\":\"Unknown parameter: 'foo'.\",\"type\":"
          + "\"invalid_request_error\",\"param\":\"foo\",\"code\":\"unknown_parameter\"}}";
      Classification c = http(400, body);
      assertClass(c, VALIDATION, false, "unknown_parameter");
      assertEquals("Unknown parameter: 'foo'.", c.detail());
    }

    @Test
    void openAiInvalidPromptIsContentFilter() {
      Classification c = http(400, OPENAI_400_INVALID_PROMPT);
      assertClass(c, CONTENT_FILTER, false, "invalid_prompt");
      assertTrue(c.detail().startsWith("Invalid prompt: your prompt was flagged"), c.detail());
    }

    @Test
    void azureContentFilterIsContentFilter() {
      Classification c = http(400, AZURE_400_CONTENT_FILTER);
      assertClass(c, CONTENT_FILTER, false, "content_filter");
      assertTrue(c.detail().startsWith("The response was filtered"), c.detail());
    }

    @Test
    void azureInnerPolicyViolationAloneIsContentFilter() {
      String body = "{\"error\":{\"message\":\"Blocked\",\"code\":\"BadRequest\","
          + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}";
      assertClass(http(400, body), CONTENT_FILTER, false, "BadRequest");
    }

    @Test
    void openRouterModerationWithReasonsIsContentFilter() {
      Classification c = http(403, OPENROUTER_403_MODERATION);
      assertClass(c, CONTENT_FILTER, false, "403");
      assertTrue(c.detail().contains("requires moderation"), c.detail());
    }

    @Test
    void gatewayModerationMessageOn403IsContentFilter() {
      String body =
          "{\"error\":{\"code\":403,\"message\":\"Your input was flagged by moderation\"}}";
      assertClass(http(403, body), CONTENT_FILTER, false, "403");
    }

    @Test
    void plain403StaysAuthentication() {
      String body = "{\"error\":{\"code\":403,\"message\":\"This key cannot use this model\"}}";
      assertClass(http(403, body), AUTHENTICATION, false, "403");
    }

    @ParameterizedTest
    @ValueSource(strings = {"moderation_blocked", "content_policy_violation", "CONTENT_FILTER"})
    void gatewayModerationCodesAreContentFilter(String code) {
      String body = "{\"error\":{\"message\":\"Request refused\",\"code\":\"" + code + "\"}}";
      assertClass(http(400, body), CONTENT_FILTER, false, code);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 422, 429, 500})
    void contentFilterWinsOverTheStatus(int status) {
      assertEquals(CONTENT_FILTER, http(status, AZURE_400_CONTENT_FILTER).category());
      assertFalse(http(status, AZURE_400_CONTENT_FILTER).retryable());
    }

    @Test
    void contentFilterIsNeverRetryableEvenIfTheHeaderSaysSo() {
      Classification c = http(400, OPENAI_400_INVALID_PROMPT, "x-should-retry", "true");
      assertClass(c, CONTENT_FILTER, false, "invalid_prompt");
    }

    @Test
    void anthropicOverloadedIsRetryableServerError() {
      Classification c = http(529, ANTHROPIC_529, "retry-after", "3");
      assertClass(c, SERVER_ERROR, true, "overloaded_error");
      assertEquals("Overloaded", c.detail());
      assertEquals(Duration.ofSeconds(3), c.retryAfter());
    }

    @Test
    void anthropicAuthenticationError() {
      String body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
          + "\"message\":\"invalid x-api-key\"},\"request_id\":\"req_1\"}";
      assertClass(http(401, body), AUTHENTICATION, false, "authentication_error");
    }

    @Test
    void openRouterNumericCodeIsTheProviderCode() {
      Classification c = http(429, OPENROUTER_429);
      assertClass(c, RATE_LIMIT, true, "429");
      assertEquals("Provider returned error", c.detail());
    }

    @Test
    void htmlGatewayPageIsServerErrorWithTitleButNoMarkup() {
      Classification c = http(502, HTML_502);
      assertClass(c, SERVER_ERROR, true, null);
      assertEquals("HTTP 502 with a non-JSON body (an HTML page: 502 Bad Gateway)", c.detail());
    }

    @Test
    void htmlPageWithoutTitle() {
      Classification c = http(520, "<html><body>" + "x".repeat(10_000) + "</body></html>");
      assertClass(c, SERVER_ERROR, true, null);
      assertEquals("HTTP 520 with a non-JSON body (an HTML page)", c.detail());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\r\n"})
    void emptyBody(String body) {
      Classification c = http(503, body);
      assertClass(c, SERVER_ERROR, true, null);
      assertEquals("HTTP 503 with an empty body", c.detail());
    }

    @Test
    void truncatedJsonFallsBackToTheStatus() {
      Classification c = http(500, "{\"error\": {\"message\": \"The server had an err");
      assertClass(c, SERVER_ERROR, true, null);
      assertEquals("HTTP 500 with a malformed JSON body", c.detail());
    }

    @Test
    void plainTextBodyIsTheMessage() {
      String body = "upstream connect error or disconnect/reset before headers.\n"
          + "reset reason: connection failure";
      Classification c = http(503, body);
      assertClass(c, SERVER_ERROR, true, null);
      assertEquals("upstream connect error or disconnect/reset before headers. reset reason: "
          + "connection failure", c.detail());
    }

    @Test
    void shouldRetryTrueMakesA400Retryable() {
      Classification c = http(400, OPENAI_400_CONTEXT, "x-should-retry", "true");
      assertClass(c, VALIDATION, true, "context_length_exceeded");
    }

    @Test
    void shouldRetryFalseMakesA503NotRetryable() {
      Classification c = http(503, ANTHROPIC_529, "x-should-retry", "false");
      assertClass(c, SERVER_ERROR, false, "overloaded_error");
    }

    @ParameterizedTest
    @CsvSource({"TRUE, 400, true", "False, 429, false", "' true ', 401, true", "maybe, 500, true",
        "'', 404, false", "1, 400, false"})
    void shouldRetryHeaderValue(String value, int status, boolean retryable) {
      Classification c = http(status, "", "x-should-retry", value);
      assertEquals(retryable, c.retryable());
      assertEquals(http(status, "").category(), c.category(), "the header never changes category");
    }

    @Test
    void shouldRetryOverridesQuota() {
      assertClass(http(429, OPENAI_429_QUOTA, "x-should-retry", "true"), RATE_LIMIT, true,
          "insufficient_quota");
    }

    @Test
    void retryAfterIsKeptOnNonRetryableErrors() {
      Classification c =
          http(400, OPENAI_400_CONTEXT, "retry-after", "Sat, 01 Mar 2025 12:01:00 GMT");
      assertFalse(c.retryable());
      assertEquals(Duration.ofMinutes(1), c.retryAfter());
    }

    @Test
    void retryAfterIsNeverReadFromTheBody() {
      String body = "{\"error\":{\"message\":\"Please try again in 20s. Retry-After: 20\"}}";
      assertNull(http(429, body).retryAfter());
    }

    @ParameterizedTest
    @MethodSource("dev.llmcall.runtime.internal.failure.ErrorClassifierTest#oddBodies")
    void oddBodiesNeverThrowAndClassifyByStatus(String body) {
      for (int status : new int[] {400, 401, 429, 500, 529, 418}) {
        Classification c = http(status, body);
        assertEquals(http(status, "").category(), c.category(), body);
        assertTrue(c.detail().length() <= 300, c.detail());
      }
    }

    @Test
    void nullHeadersAndNullClockAreTolerated() {
      Classification c = ErrorClassifier.classifyHttp(503, null, ANTHROPIC_529, null);
      assertClass(c, SERVER_ERROR, true, "overloaded_error");
      assertNull(c.retryAfter());
    }

    @Test
    void errorStringBody() {
      Classification c =
          http(404, "{\"error\":\"model 'llama3' not found, try pulling it first\"}");
      assertClass(c, VALIDATION, false, null);
      assertEquals("model 'llama3' not found, try pulling it first", c.detail());
    }

    @Test
    void arrayBodyUsesItsFirstElement() {
      String body = "[{\"error\":{\"code\":429,\"message\":\"Resource exhausted. Please try "
          + "again later.\",\"status\":\"RESOURCE_EXHAUSTED\"}}]";
      Classification c = http(429, body);
      assertClass(c, RATE_LIMIT, true, "429");
      assertEquals("Resource exhausted. Please try again later.", c.detail());
    }

    @Test
    void providerCodeFallsBackToTheTypeAndIsNullWhenAbsent() {
      String typeOnly =
          "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":null}}";
      assertEquals("server_error", http(500, typeOnly).providerCode());
      assertNull(http(500, "{\"error\":{\"message\":\"boom\"}}").providerCode());
      assertNull(http(500, "{\"error\":{\"message\":\"boom\",\"code\":\"\"}}").providerCode());
    }

    @Test
    void jsonWithoutAMessageSaysSo() {
      Classification c = http(500, "{\"error\":{\"code\":\"server_error\"}}");
      assertEquals("HTTP 500 with no error message in its JSON body", c.detail());
      assertEquals("server_error", c.providerCode());
    }

    @Test
    void detailIsCollapsedAndTrimmed() {
      String message = "word \n\t ".repeat(2_000);
      Classification c = http(500, "{\"error\":{\"message\":\"" + message.replace("\n", "\\n")
          .replace("\t", "\\t") + "\"}}");
      assertTrue(c.detail().length() <= 300, () -> "length " + c.detail().length());
      assertTrue(c.detail().startsWith("word word word"), c.detail());
      assertTrue(c.detail().endsWith("\u2026"), c.detail());
    }
  }

  static Stream<String> oddBodies() {
    return Stream.of(
        "[]", "[1,2]", "{}", "null", "true", "42", "\"just a string\"", "{\"error\":null}",
        "{\"error\":{}}", "{\"error\":{\"code\":null,\"message\":null,\"type\":null}}",
        "{\"error\":{\"message\":{\"nested\":true},\"code\":[1,2]}}", "{\"error\":[1,2,3]}",
        "{\"error\":{\"message\":\"truncated", "{\"object\":\"error\"}", "{\"detail\":[{}]}",
        "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" .repeat(3_000), "\u0000\u0001binary",
        "<?xml version=\"1.0\"?><Error><Code>Throttled</Code></Error>", "<title>",
        "{\"error\":{\"metadata\":null}}", "{\"error\":{\"innererror\":\"string\"}}");
  }

  @Nested
  class Redaction {
    @ParameterizedTest
    @CsvSource({
      "sk-proj-AbC123_def-456GHIjkl789, sk-\u2026redacted",
      "sk-ant-api03-AbCdEf123456-XYZ_abc, sk-ant-\u2026redacted",
      "xai-AbCdEf1234567890ghIJ, xai-\u2026redacted",
      "sk-abcdef, sk-\u2026redacted",
      "sk-****abcd, sk-\u2026redacted",
    })
    void apiKeysAreRedactedFromHttpDetails(String key, String redacted) {
      String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". Bye\"}}";
      Classification c = http(401, body);
      assertEquals("Incorrect API key provided: " + redacted + ". Bye", c.detail());
    }

    @Test
    void keysInPlainTextAndTransportMessagesAreRedacted() {
      String key = "sk-ant-api03-SECRETSECRETSECRET";
      assertFalse(http(500, "bad key " + key).detail().contains("SECRET"));
      assertFalse(ErrorClassifier.classifyTransport(new IOException("with " + key)).detail()
          .contains("SECRET"));
      assertFalse(ErrorClassifier.classifyInBandError("{\"error\":{\"message\":\"" + key + "\"}}")
          .detail().contains("SECRET"));
    }

    @Test
    void wordsThatMerelyEndInSkAreLeftAlone() {
      String body = "{\"error\":{\"message\":\"task-1234567 and disk-abcdefgh failed\"}}";
      assertEquals("task-1234567 and disk-abcdefgh failed", http(500, body).detail());
    }
  }

  @Nested
  class Transport {
    static Stream<Arguments> failures() {
      return Stream.of(
          Arguments.of(new ConnectException("Connection refused"), NETWORK,
              "could not connect (ConnectException: Connection refused)"),
          Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), TIMEOUT,
              "connect timed out (HttpConnectTimeoutException: HTTP connect timed out)"),
          Arguments.of(new HttpTimeoutException("request timed out"), TIMEOUT,
              "request timed out (HttpTimeoutException: request timed out)"),
          Arguments.of(new SocketTimeoutException("Read timed out"), TIMEOUT,
              "request timed out (SocketTimeoutException: Read timed out)"),
          Arguments.of(new SSLHandshakeException("PKIX path building failed"), NETWORK,
              "TLS failure (SSLHandshakeException: PKIX path building failed)"),
          Arguments.of(new UnknownHostException("api.example.invalid"), NETWORK,
              "unknown host (UnknownHostException: api.example.invalid)"),
          Arguments.of(new UnresolvedAddressException(), NETWORK,
              "unknown host (UnresolvedAddressException)"),
          Arguments.of(new EOFException("EOF reached while reading"), NETWORK,
              "connection closed early (EOFException: EOF reached while reading)"),
          Arguments.of(new IOException("Connection reset"), NETWORK,
              "connection reset (IOException: Connection reset)"),
          Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), NETWORK,
              "connection closed before a response "
                  + "(IOException: HTTP/1.1 header parser received no bytes)"),
          Arguments.of(new IOException(), NETWORK, "I/O failure (IOException)"),
          Arguments.of(new CompletionException(new IOException("broken pipe")), NETWORK,
              "I/O failure (IOException: broken pipe)"),
          Arguments.of(new CompletionException(new HttpTimeoutException("request timed out")),
              TIMEOUT, "request timed out (HttpTimeoutException: request timed out)"),
          Arguments.of(new ExecutionException(new ConnectException("Connection refused")), NETWORK,
              "could not connect (ConnectException: Connection refused)"),
          Arguments.of(new UncheckedIOException(new EOFException()), NETWORK,
              "connection closed early (EOFException)"),
          Arguments.of(withCause(new ConnectException(), new UnresolvedAddressException()), NETWORK,
              "unknown host (ConnectException, caused by UnresolvedAddressException)"),
          Arguments.of(withCause(new IOException("wrapped"), new SocketTimeoutException()), TIMEOUT,
              "request timed out (IOException: wrapped, caused by SocketTimeoutException)"));
    }

    private static Throwable withCause(Throwable t, Throwable cause) {
      return t.initCause(cause);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void transportFailuresAreRetryable(Throwable failure, ErrorCategory category, String detail) {
      Classification c = ErrorClassifier.classifyTransport(failure);
      assertEquals(category, c.category());
      assertTrue(c.retryable());
      assertEquals(detail, c.detail());
      assertNull(c.retryAfter());
      assertNull(c.providerCode());
    }

    @Test
    void otherFailuresAreUnknownAndNotRetryable() {
      Classification c = ErrorClassifier.classifyTransport(new IllegalStateException("closed"));
      assertClass(c, UNKNOWN, false, null);
      assertEquals("unexpected failure: IllegalStateException: closed", c.detail());
      Classification wrapped = ErrorClassifier.classifyTransport(
          new CompletionException(new IllegalStateException(new IOException("inner"))));
      assertClass(wrapped, UNKNOWN, false, null);
      assertClass(ErrorClassifier.classifyTransport(new CompletionException(null)), UNKNOWN, false,
          null);
    }

    @Test
    void nullFailureIsUnknown() {
      Classification c = ErrorClassifier.classifyTransport(null);
      assertClass(c, UNKNOWN, false, null);
      assertEquals("no failure was given", c.detail());
    }

    @Test
    void causeCyclesDoNotLoop() {
      IOException a = new IOException("a");
      IOException b = new IOException("b", a);
      a.initCause(b);
      assertEquals(NETWORK, ErrorClassifier.classifyTransport(a).category());
    }
  }

  @Nested
  class InBand {
    @Test
    void anthropicOverloaded() {
      Classification c = ErrorClassifier.classifyInBandError(
          "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
              + "\"message\":\"Overloaded\"}}");
      assertClass(c, SERVER_ERROR, true, "overloaded_error");
      assertEquals("Overloaded", c.detail());
      assertNull(c.retryAfter());
    }

    @ParameterizedTest
    @CsvSource({
      "overloaded_error, SERVER_ERROR, true",
      "api_error, SERVER_ERROR, true",
      "rate_limit_error, RATE_LIMIT, true",
      "authentication_error, AUTHENTICATION, false",
      "permission_error, AUTHENTICATION, false",
      "invalid_request_error, VALIDATION, false",
      "not_found_error, VALIDATION, false",
      "request_too_large, VALIDATION, false",
      "timeout_error, TIMEOUT, true",
      "billing_error, RATE_LIMIT, false",
      "some_future_error, SERVER_ERROR, true",
    })
    void anthropicErrorTypes(String type, ErrorCategory category, boolean retryable) {
      Classification c = ErrorClassifier.classifyInBandError(
          "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}");
      assertClass(c, category, retryable, type);
    }

    @Test
    void anthropicPromptTooLongInBand() {
      Classification c = ErrorClassifier.classifyInBandError(ANTHROPIC_400_TOO_LONG);
      assertClass(c, VALIDATION, false, "invalid_request_error");
      assertTrue(c.detail().startsWith("context length exceeded: prompt is too long"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
          + "\"code\":null}}| SERVER_ERROR | true | server_error",
      "{\"error\":{\"message\":\"filtered\",\"type\":null,\"code\":\"content_filter\"}}"
          + "| CONTENT_FILTER | false | content_filter",
      "{\"error\":{\"message\":\"You exceeded your current quota\","
          + "\"code\":\"insufficient_quota\"}}| RATE_LIMIT | false | insufficient_quota",
      "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}"
          + "| RATE_LIMIT | true | rate_limit_exceeded",
      "{\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}"
          + "| VALIDATION | false | context_length_exceeded",
      "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}"
          + "| AUTHENTICATION | false | invalid_api_key",
      "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":502,"
          + "\"message\":\"Provider disconnected\"}}| SERVER_ERROR | true | 502",
      "{\"error\":{\"code\":429,\"message\":\"Rate limited\"}}| RATE_LIMIT | true | 429",
      "{\"error\":{\"code\":400,\"message\":\"Bad tool schema\"}}| VALIDATION | false | 400",
      "{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"Something went wrong\","
          + "\"param\":null,\"sequence_number\":3}| SERVER_ERROR | true | server_error",
      "{\"type\":\"response.failed\",\"response\":{\"error\":{\"code\":\"rate_limit_exceeded\","
          + "\"message\":\"slow\"}}}| RATE_LIMIT | true | rate_limit_exceeded",
      "{\"error\":\"upstream stream ended\"}| SERVER_ERROR | true |",
      "{}| SERVER_ERROR | true |",
    })
    void openAiStyleInBandErrors(
        String json, ErrorCategory category, boolean retryable, String providerCode) {
      assertClass(ErrorClassifier.classifyInBandError(json), category, retryable, providerCode);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not json", "{\"type\":\"error\",\"error\":{\"type\":\"overl", "42",
        "\"Overloaded\"", "event: error"})
    void unparseableInBandErrorIsUnknownNotRetryable(String json) {
      Classification c = ErrorClassifier.classifyInBandError(json);
      assertClass(c, UNKNOWN, false, null);
      assertTrue(c.detail().startsWith("unreadable in-band error: "), c.detail());
    }
  }
}
