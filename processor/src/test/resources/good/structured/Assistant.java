package com.example;

import dev.llmcall.annotations.Description;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Structured results (#6): the four return shapes, a record root, a list root, an enum root. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {

  @Description("A person mentioned in the text")
  record Person(
      @Description("Full name as written") String name,
      int age,
      Address address,
      List<String> tags,
      Optional<Address> previous,
      Mood mood) {}

  record Address(String street, String city) {}

  enum Mood { HAPPY, SAD }

  @LlmCall(prompt = "Who is in: {text}", temperature = 0, repairAttempts = 2)
  Person extract(String text);

  @LlmCall(prompt = "Everyone in: {text}")
  LlmResponse<List<Person>> everyone(String text);

  @LlmCall(prompt = "The mood of: {text}", repairAttempts = 0)
  CompletableFuture<Mood> mood(String text);

  /** The same result type as extract: one constant for both. */
  @LlmCall(prompt = "Who wrote: {text}")
  CompletableFuture<LlmResponse<Person>> author(String text);
}
