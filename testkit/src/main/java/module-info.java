/** A scriptable fake LLM provider server for tests and demos: {@link dev.llmcall.testkit.FakeLlmServer}. */
module dev.llmcall.testkit {
  requires transitive com.fasterxml.jackson.databind;
  requires jdk.httpserver;

  exports dev.llmcall.testkit;
}
