package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.stream.Stream;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface UnsupportedStreamType {
  @LlmCall(prompt = "Count to {n}")
  Stream<Integer> count(int n);
}
