package com.example;

import dev.llmcall.annotations.LlmCall;

interface Base {
  @LlmCall(prompt = "Describe: {topic}", provider = "xai", model = "grok-4")
  String describe(String topic);

  @LlmCall(prompt = "Explain {topic} to a child", provider = "xai", model = "grok-4")
  String explain(String topic);

  /** Object implements this one. */
  @Override
  String toString();
}
