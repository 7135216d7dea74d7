/**
 * A fake LLM provider for tests: {@link FakeLlmServer} speaks the OpenAI Chat Completions and Anthropic
 * Messages wire formats on 127.0.0.1 and answers from a script of {@link FakeReply FakeReplies}, recording
 * every {@link RecordedRequest}.
 */
package dev.llmcall.testkit;
