package dev.llmcall.testkit;

import static dev.llmcall.testkit.Scenarios.onlyFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Strict mode through the extension: tests that break the script fail after they end. */
class FakeLlmStrictTest {

  @Test
  void anUnexpectedRequestFailsAStrictTestAndTheMessageNamesIt() {
    Throwable failure = onlyFailure(Scenarios.run(UnexpectedRequest.class));

    assertTrue(failure instanceof AssertionError, String.valueOf(failure));
    assertEquals("FakeLlmServer: the script was not followed, 1 problem:\n"
        + "  unexpected request #2 POST /v1/chat/completions (model gpt-4o-mini,"
        + " last user message \"second\")", failure.getMessage());
  }

  @Test
  void anUnusedReplyFailsAStrictTestAndTheMessageNamesIt() {
    Throwable failure = onlyFailure(Scenarios.run(UnusedReply.class));

    assertEquals("FakeLlmServer: the script was not followed, 2 problems:\n"
        + "  unused reply FakeReply.status(529) for requests matching path /v1/messages\n"
        + "  unused reply FakeReply.text(left over) (queued)", failure.getMessage());
  }

  @Test
  void aStrictTestThatFollowsItsScriptPasses() {
    Scenarios.run(FollowsTheScript.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aLenientTestMayLeaveRepliesUnusedAndGetTheDefaultReply() {
    Scenarios.run(Lenient.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void callingStrictOnTheServerTurnsTheCheckOnForThatTest() {
    EngineExecutionResults results = Scenarios.run(StrictByMethod.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Throwable failure = onlyFailure(results);
    assertTrue(failure.getMessage().contains("unused reply FakeReply.text(unused) (queued)"),
        failure.getMessage());
  }

  @Test
  void aMethodAnnotationOverridesTheClassAndANestedClassItsEnclosingClass() {
    EngineExecutionResults results = Scenarios.run(Overrides.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
  }

  @Test
  void whenTheTestFailedTheStrictCheckIsAddedAsSuppressed() {
    Throwable failure = onlyFailure(Scenarios.run(FailsAndLeavesAReply.class));

    assertEquals("the test's own failure", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(failure.getSuppressed()[0].getMessage().contains("unused reply FakeReply.text(x)"),
        failure.getSuppressed()[0].getMessage());
  }

  @EngineScenario
  @FakeLlm(strict = true)
  static class UnexpectedRequest {
    @Test
    void secondRequestIsNotScripted(FakeLlmServer server) throws Exception {
      server.enqueue(FakeReply.text("first"));
      Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "first"));
      HttpResponse<String> second =
          Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "second"));
      assertEquals(400, second.statusCode()); // the test itself does not notice; the check does
    }
  }

  @EngineScenario
  @FakeLlm(strict = true)
  static class UnusedReply {
    @Test
    void scriptsMoreThanItUses(FakeLlmServer server) {
      server.enqueue(RequestMatcher.path("/v1/messages"), FakeReply.status(529))
          .enqueue(FakeReply.text("left over"));
    }
  }

  @EngineScenario
  @FakeLlm(strict = true)
  static class FollowsTheScript {
    @Test
    void usesEveryReply(FakeLlmServer server) throws Exception {
      server.enqueue(FakeReply.text("one"))
          .whenever(RequestMatcher.model("claude-haiku-4-5"), FakeReply.text("two"));
      Http.post(Http.chatCompletions(server), Http.chat("gpt-4o-mini", "a"));
      Http.post(Http.messages(server), Http.chat("claude-haiku-4-5", "b"));
    }
  }

  @EngineScenario
  @FakeLlm
  static class Lenient {
    @Test
    void leavesAReplyAndSendsAnUnscriptedRequest(FakeLlmServer server) throws Exception {
      server.enqueue(RequestMatcher.model("never-asked"), FakeReply.text("unused"));
      HttpResponse<String> response = Http.post(Http.chatCompletions(server), Http.chat("m", "a"));
      assertEquals(200, response.statusCode());
    }
  }

  @EngineScenario
  @FakeLlm
  static class StrictByMethod {
    @Test
    void strict(FakeLlmServer server) {
      server.strict().enqueue(FakeReply.text("unused"));
    }

    @Test
    void lenient(FakeLlmServer server) {
      server.enqueue(FakeReply.text("unused"));
    }
  }

  @EngineScenario
  @FakeLlm(strict = true)
  static class Overrides {
    @Test
    @FakeLlm
    void lenientByItsOwnAnnotation(FakeLlmServer server) {
      server.enqueue(FakeReply.text("unused"));
    }

    @Test
    void strictByTheClass(FakeLlmServer server) {
      server.enqueue(FakeReply.text("unused"));
    }

    @Nested
    class Inner {
      @Test
      void strictByTheEnclosingClass(FakeLlmServer server) {
        server.enqueue(FakeReply.text("unused"));
      }
    }
  }

  @EngineScenario
  @FakeLlm(strict = true)
  static class FailsAndLeavesAReply {
    @Test
    void fails(FakeLlmServer server) {
      server.enqueue(FakeReply.text("x"));
      throw new IllegalStateException("the test's own failure");
    }
  }
}
