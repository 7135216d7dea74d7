package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmResponse;
import java.util.List;

/** Structured output: records in, records out. */
@LlmClient(provider = "openai", model = "gpt-4o-mini", system = "You extract facts; you never invent them.")
public interface Extractor {

  @LlmCall(prompt = "Who is the main person in this text?\n{text}")
  Contact contact(String text);

  @LlmCall(prompt = "List everyone mentioned in this text.\n{text}", repairAttempts = 2)
  LlmResponse<List<Contact>> everyone(String text);

  @LlmCall(prompt = "Write a one-line greeting to this contact: {contact}")
  String greet(Contact contact);
}
