package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface ToolSettingWithoutTools {
  @LlmCall(prompt = "{question}",
      maxToolRounds = 3)
  String ask(String question);

  @LlmCall(prompt = "{question}",
      failOnToolError = true)
  String askAgain(String question);
}
