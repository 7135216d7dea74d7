package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.List;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface CyclicRecord {
  record Customer(String name, List<Order> orders) {}

  record Order(
      String id,
      Customer customer) {}

  @LlmCall(prompt = "The customer in: {text}")
  Customer customer(String text);
}
