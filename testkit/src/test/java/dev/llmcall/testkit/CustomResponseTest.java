package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw bodies, extra headers and content types. */
class CustomResponseTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rawHtmlBodyWithItsContentType() throws Exception {
    String html = "<html><body>502 Bad Gateway</body></html>";
    server.enqueue(FakeReply.status(502).body(html).contentType("text/html"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals(502, response.statusCode());
    assertEquals(html, response.body());
    assertEquals("text/html", response.headers().firstValue("content-type").orElseThrow());
    assertEquals(html.length(), response.headers().firstValueAsLong("content-length").orElseThrow());
  }

  @Test
  void truncatedJsonOnASuccess() throws Exception {
    server.enqueue(FakeReply.text("unused").body("{\"id\":\"chatcmpl-1\",\"choi"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals(200, response.statusCode());
    assertEquals("{\"id\":\"chatcmpl-1\",\"choi", response.body());
  }

  @Test
  void emptyBodyIsSentWithContentLengthZero() throws Exception {
    server.enqueue(FakeReply.status(500).body(""));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals(500, response.statusCode());
    assertEquals("", response.body());
    assertEquals(0, response.headers().firstValueAsLong("content-length").orElseThrow());
  }

  @Test
  void extraHeadersAreSentIncludingRepeatedNames() throws Exception {
    server.enqueue(FakeReply.status(429)
        .header("retry-after", "1")
        .header("retry-after-ms", "1500")
        .header("x-should-retry", "true")
        .header("x-multi", "a")
        .header("x-multi", "b"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
    assertEquals("1500", response.headers().firstValue("retry-after-ms").orElseThrow());
    assertEquals("true", response.headers().firstValue("x-should-retry").orElseThrow());
    assertEquals(List.of("a", "b"), response.headers().allValues("x-multi"));
    assertEquals("rate_limit_exceeded", Http.json(response).at("/error/code").asText());
  }

  @Test
  void contentTypeCanBeChangedOnAGeneratedBody() throws Exception {
    server.enqueue(FakeReply.text("hi").contentType("application/json; charset=utf-8"));

    HttpResponse<String> response = Http.post(Http.messages(server), Http.chat("m", "Hi"));

    assertEquals("application/json; charset=utf-8",
        response.headers().firstValue("content-type").orElseThrow());
    assertEquals("hi", Http.json(response).at("/content/0/text").asText());
  }

  @Test
  void nonAsciiTextSurvivesTheRoundTrip() throws Exception {
    server.enqueue(FakeReply.text("Grüße — 你好 🚀"));

    HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));

    assertEquals("Grüße — 你好 🚀", Http.json(response).at("/choices/0/message/content").asText());
  }
}
