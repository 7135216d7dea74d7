/**
 * A fake LLM provider for tests: {@link FakeLlmServer} speaks the OpenAI Chat Completions and Anthropic
 * Messages wire formats on 127.0.0.1 and answers from a script of {@link FakeReply FakeReplies}, in
 * order or for requests a {@link RequestMatcher} accepts, recording every {@link RecordedRequest}.
 * {@link VirtualScheduler} runs the runtime's waits on virtual time. For JUnit 5,
 * {@link FakeLlm @FakeLlm} ({@link FakeLlmExtension}) gives each test fresh ones and, in strict
 * mode, fails a test that strays from its script.
 */
package dev.llmcall.testkit;
