/**
 * Test support for llmcall users: a scriptable fake LLM provider server
 * ({@link dev.llmcall.testkit.FakeLlmServer}), virtual time ({@link dev.llmcall.testkit.VirtualScheduler})
 * and a JUnit 5 extension that gives each test fresh ones ({@link dev.llmcall.testkit.FakeLlmExtension}).
 */
module dev.llmcall.testkit {
  requires transitive com.fasterxml.jackson.databind;
  requires jdk.httpserver;
  requires transitive dev.llmcall.runtime;
  // Optional: only FakeLlmExtension and @FakeLlm use it, and only users of JUnit 5 load them.
  requires static org.junit.jupiter.api;

  exports dev.llmcall.testkit;
}
