/**
 * Test support for llmcall users: a scriptable fake LLM provider server
 * ({@link dev.llmcall.testkit.FakeLlmServer}) and virtual time ({@link dev.llmcall.testkit.VirtualScheduler}).
 */
module dev.llmcall.testkit {
  requires transitive com.fasterxml.jackson.databind;
  requires jdk.httpserver;
  requires transitive dev.llmcall.runtime;

  exports dev.llmcall.testkit;
}
