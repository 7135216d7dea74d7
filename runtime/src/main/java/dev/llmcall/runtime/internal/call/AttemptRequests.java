package dev.llmcall.runtime.internal.call;

import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.spi.CallSite;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * How one call's attempts become HTTP requests, the call's own attempts and a stream's hedge
 * alike: a prompt encoded for a target's wire (once per prompt and target, so a retry sends the
 * same bytes), the provider's headers and credential, {@code Accept} for a stream, what the
 * captured context adds (a {@code traceparent}), the call's id, the attempt's timeout, and the
 * request log when it is on. Not thread-safe: its call serializes access. Internal: not part of
 * the API.
 */
final class AttemptRequests {
  private final CallRecord record;
  /** The method's call site: its own target takes a call's model override. */
  private final CallSite own;
  private Prompt encodedPrompt;
  private Route.Leg encodedFor;
  private byte[] body;

  AttemptRequests(CallRecord record, CallSite own) {
    this.record = record;
    this.own = own;
  }

  /**
   * {@code prompt} encoded for {@code leg}'s wire, with the call's model in place of the method's
   * when the call names one and the leg is the method's own target: the bytes of the last
   * encoding if they fit.
   */
  byte[] body(Route.Leg leg, Prompt prompt) {
    if (prompt != encodedPrompt || leg != encodedFor) {
      CallSite site = leg.site();
      if (prompt.model() != null && leg.target().provider().equals(own.provider())
          && leg.target().model().equals(own.model())) {
        site = site.forTarget(own.provider(), prompt.model());
      }
      body = leg.endpoint().wire().encode(leg.endpoint(), site, prompt);
      encodedPrompt = prompt;
      encodedFor = leg;
    }
    return body;
  }

  /**
   * The request of {@code body} to {@code endpoint}.
   *
   * @param credential the attempt's credential, or {@code null} for none
   * @throws RuntimeException when the HTTP client refuses a header
   */
  HttpRequest build(Endpoint endpoint, String credential, byte[] body, Duration timeout,
      boolean stream) {
    HttpRequest.Builder b = endpoint.wire().newRequest(endpoint, credential);
    if (stream) {
      b.setHeader("Accept", "text/event-stream");
    }
    record.prepare(b);
    HttpRequest request = b.header("X-Client-Request-Id", record.clientRequestId())
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    if (record.log().exchanges()) { // checked here: no method reference is made per call otherwise
      record.log().request(own.method(), request, body, record::redact);
    }
    return request;
  }
}
