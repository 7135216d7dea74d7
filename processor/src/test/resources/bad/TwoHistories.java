package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.ChatMessage;
import java.util.List;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TwoHistories {
  @LlmCall(prompt = "{question}")
  String reply(List<ChatMessage> history, String question,
      List<ChatMessage> earlier);
}
