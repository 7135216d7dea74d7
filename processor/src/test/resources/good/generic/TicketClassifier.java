package com.example;

import dev.llmcall.annotations.LlmClient;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TicketClassifier extends Classifier<TicketClassifier.Ticket, TicketClassifier.Queue> {
  record Ticket(String subject, String body) {}

  enum Queue { BILLING, TECHNICAL, OTHER }
}
