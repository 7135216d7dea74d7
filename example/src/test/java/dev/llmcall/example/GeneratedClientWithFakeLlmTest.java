package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlm;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.InjectFake;
import dev.llmcall.testkit.RequestMatcher;
import dev.llmcall.testkit.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's own test of generated clients, written with the testkit's JUnit 5 extension: each test
 * gets a fresh fake provider and virtual time, and strict mode fails a test that sends a request
 * nothing scripted or leaves a scripted reply unused.
 */
@FakeLlm(strict = true)
class GeneratedClientWithFakeLlmTest {
  @InjectFake FakeLlmServer server;
  @InjectFake VirtualScheduler time;
  private LlmRuntime runtime;

  @BeforeEach
  void buildRuntime() {
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-test-key").withBaseUrl(server.openAiBaseUrl()))
        .provider(ProviderConfig.anthropic("sk-ant-test-key").withBaseUrl(server.anthropicBaseUrl()))
        .scheduler(time)
        .build();
  }

  @AfterEach
  void closeRuntime() {
    runtime.close(); // then the extension checks the script and closes the server
  }

  @Test
  void aRetriedCallUsesEveryScriptedReplyOnVirtualTime() {
    server.enqueue(FakeReply.status(503)).enqueue(FakeReply.text("A library."));

    assertEquals("A library.", LlmAssistant.create(runtime).summarize("llmcall is a library"));

    assertEquals(2, server.requestCount());
    assertEquals(1, time.waits().size(), "one backoff, waited on virtual time");
  }

  @Test
  void matchedRepliesAnswerEachProviderWhateverTheOrderOfCalls(FakeLlmServer sameServer) {
    sameServer.whenever(RequestMatcher.path("/v1/messages"), FakeReply.text("Good morning"))
        .enqueue(RequestMatcher.model("gpt-4o-mini").and(RequestMatcher.bodyContains("cat")),
            FakeReply.text("Tom, Felix"));

    assertEquals("Tom, Felix", LlmAssistant.create(runtime).names(2, "cat").text());
    assertEquals("Good morning", LlmTranslator.create(runtime).translate("Guten Morgen", "English").text());
    assertEquals("Good morning", LlmTranslator.create(runtime).translate("Moin", "English").text());
  }
}
