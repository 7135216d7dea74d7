package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which requests a matched reply of a {@link FakeLlmServer} answers: a test over the {@link
 * RecordedRequest}, with a description that failure messages quote. Immutable.
 *
 * <pre>{@code
 * server.whenever(RequestMatcher.path("/v1/messages"), FakeReply.status(529));
 * server.enqueue(RequestMatcher.model("gpt-4o"), FakeReply.text("from the big model"));
 * server.enqueue(RequestMatcher.where("asks about Paris", r -> r.body().contains("Paris"))
 *     .and(RequestMatcher.model("gpt-4o-mini")), FakeReply.text("Paris is in France."));
 * }</pre>
 *
 * <p>The server runs matchers while it holds its lock, in the order the rules were added: a
 * predicate should be quick and must not wait for other requests. A predicate that throws counts as
 * no match, and {@link FakeLlmServer#verify()} reports the exception.
 */
public final class RequestMatcher {
  private final String description;
  private final Predicate<RecordedRequest> predicate;

  private RequestMatcher(String description, Predicate<RecordedRequest> predicate) {
    this.description = description;
    this.predicate = predicate;
  }

  /**
   * Requests to exactly this path, query left out: {@code "/v1/chat/completions"} for an OpenAI
   * client on {@link FakeLlmServer#openAiBaseUrl()}, {@code "/v1/messages"} for Anthropic, {@code
   * "/v1/models"} for a health check.
   */
  public static RequestMatcher path(String path) {
    Objects.requireNonNull(path, "path == null");
    return new RequestMatcher("path " + path, r -> pathOf(r).equals(path));
  }

  /** Requests whose JSON body names this {@code model}; a body that is not JSON never matches. */
  public static RequestMatcher model(String model) {
    Objects.requireNonNull(model, "model == null");
    return new RequestMatcher("model " + model, r -> {
      JsonNode name = Json.parseLenient(r.body()).path("model");
      return name.isTextual() && name.asText().equals(model);
    });
  }

  /** Requests whose raw body contains {@code text}, such as a word of the prompt. */
  public static RequestMatcher bodyContains(String text) {
    Objects.requireNonNull(text, "text == null");
    return new RequestMatcher("body containing \"" + text + "\"", r -> r.body().contains(text));
  }

  /**
   * Requests that pass {@code predicate}, for anything the other matchers do not say, such as
   * {@code r -> r.json().path("temperature").asDouble() > 0.5}.
   *
   * @param description what the predicate accepts, for failure messages
   */
  public static RequestMatcher where(String description, Predicate<RecordedRequest> predicate) {
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(predicate, "predicate == null");
    return new RequestMatcher(description, predicate);
  }

  /** Requests that this matcher and {@code other} both accept. */
  public RequestMatcher and(RequestMatcher other) {
    Objects.requireNonNull(other, "other == null");
    return new RequestMatcher(description + " and " + other.description,
        r -> predicate.test(r) && other.predicate.test(r));
  }

  /** Whether this matcher accepts {@code request}; exceptions from a predicate pass through. */
  public boolean matches(RecordedRequest request) {
    return predicate.test(Objects.requireNonNull(request, "request == null"));
  }

  /** The description, such as {@code model gpt-4o and path /v1/chat/completions}. */
  @Override
  public String toString() {
    return description;
  }

  private static String pathOf(RecordedRequest request) {
    String target = request.path();
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }
}
