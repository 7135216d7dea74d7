package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.io.IOException;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant extends Base {

  @LlmCall(prompt = "Summarize: {text}")
  String summarize(String text) throws IOException;

  /** Re-declared here with its own prompt: only this one is implemented. */
  @Override
  @LlmCall(prompt = "Explain: {topic}")
  String explain(String topic);
}
