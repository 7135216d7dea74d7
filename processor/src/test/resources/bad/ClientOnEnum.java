package com.example;

import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public enum ClientOnEnum { ONE }
