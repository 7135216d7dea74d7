package dev.llmcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;

/**
 * What a {@link FakeLlmServer} answers with, and what went against the script: one-shot matched
 * replies, standing rules, the in-order queue, and (in strict mode) the requests nothing answered.
 * The order in which a request is answered is set out on {@link FakeLlmServer}. Thread-safe.
 */
final class ReplyScript {

  private final List<Rule> once = new ArrayList<>();
  private final List<Rule> standing = new ArrayList<>();
  private final Queue<FakeReply> queue = new ArrayDeque<>();
  private final List<String> problems = new ArrayList<>();
  private boolean strict;

  synchronized void enqueue(FakeReply reply) {
    queue.add(reply);
  }

  synchronized void enqueue(RequestMatcher matcher, FakeReply reply) {
    once.add(new Rule(matcher, reply));
  }

  synchronized void whenever(RequestMatcher matcher, FakeReply reply) {
    standing.add(new Rule(matcher, reply));
  }

  synchronized void strict(boolean on) {
    strict = on;
  }

  synchronized boolean isStrict() {
    return strict;
  }

  /** Queued and one-shot matched replies not yet used; standing rules never run out. */
  synchronized int pending() {
    return queue.size() + once.size();
  }

  /**
   * The reply for request number {@code sequence}, removing it if it is used once; null when nothing
   * answers it and the script is lenient. A strict script refuses such a request and notes it.
   */
  synchronized FakeReply take(RecordedRequest request, int sequence) {
    for (Iterator<Rule> it = once.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (accepts(rule, request, sequence)) {
        it.remove();
        return rule.reply();
      }
    }
    for (int i = 0; i < standing.size(); i++) {
      Rule rule = standing.get(i);
      if (accepts(rule, request, sequence)) {
        standing.set(i, rule.used());
        return rule.reply();
      }
    }
    FakeReply next = queue.poll();
    if (next != null || !strict) {
      return next;
    }
    String what = describe(request, sequence);
    problems.add("unexpected request " + what);
    return FakeReply.error(400, "unexpected_request", "The strict FakeLlmServer has no reply for "
        + what + ": no matching rule and nothing queued.");
  }

  /** Notes, in strict mode, a request to no endpoint of the fake (answered 404 or 405). */
  synchronized void unrouted(RecordedRequest request, int sequence) {
    if (strict) {
      problems.add("unexpected request " + describe(request, sequence) + ", which no endpoint serves");
    }
  }

  /**
   * Everything that went against the script, oldest first: refused requests, matchers that threw,
   * replies left unused and standing rules that no request matched.
   */
  synchronized List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    once.forEach(rule ->
        all.add("unused reply " + rule.reply() + " for requests matching " + rule.matcher()));
    queue.forEach(reply -> all.add("unused reply " + reply + " (queued)"));
    standing.stream().filter(rule -> !rule.everUsed())
        .forEach(rule -> all.add("no request matched " + rule.matcher() + " (whenever "
            + rule.reply() + ")"));
    return all;
  }

  private boolean accepts(Rule rule, RecordedRequest request, int sequence) {
    try {
      return rule.matcher().matches(request);
    } catch (RuntimeException e) {
      problems.add("matcher " + rule.matcher() + " threw " + e + " on request "
          + describe(request, sequence));
      return false;
    }
  }

  /** {@code #3 POST /v1/chat/completions (model gpt-4o-mini, last user message "Hi")}. */
  static String describe(RecordedRequest request, int sequence) {
    String line = "#" + sequence + " " + request.method() + " " + request.path();
    List<String> facts = new ArrayList<>();
    JsonNode model = Json.parseLenient(request.body()).path("model");
    if (model.isTextual()) {
      facts.add("model " + model.asText());
    }
    String user = RequestFacts.from(request.body()).lastUserText();
    if (!user.isEmpty()) {
      facts.add("last user message \"" + RequestFacts.cut(user, 60) + "\"");
    }
    return facts.isEmpty() ? line : line + " (" + String.join(", ", facts) + ")";
  }

  /** A matched reply; {@code everUsed} matters for standing rules only. */
  private record Rule(RequestMatcher matcher, FakeReply reply, boolean everUsed) {
    Rule(RequestMatcher matcher, FakeReply reply) {
      this(matcher, reply, false);
    }

    Rule used() {
      return everUsed ? this : new Rule(matcher, reply, true);
    }
  }
}
