package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.runtime.LlmStream;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** Streamed answers; llmcall's processor writes {@code LlmStoryteller} from it. */
@LlmClient(provider = "openai", model = "gpt-4o-mini", system = "You tell very short stories.")
public interface Storyteller {

  @LlmCall(prompt = "Tell a story about {topic}")
  Stream<String> story(String topic);

  @LlmCall(prompt = "Tell a story about {topic}")
  @Retry(policy = "high-availability", resumeStream = true)
  LlmStream saga(String topic);

  @LlmCall(prompt = "Write a poem about {topic}")
  Flow.Publisher<String> poem(String topic);
}
