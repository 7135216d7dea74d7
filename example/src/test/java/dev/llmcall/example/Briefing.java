package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.Optional;
import java.util.OptionalDouble;

/** Optional parameters in templates (#15): their value, or nothing. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
interface Briefing {
  @LlmCall(prompt = "Brief {name}[{title}] aged {age}, contact {contact}, score {score}.")
  String brief(String name, Optional<String> title, Optional<Integer> age,
      Optional<Contact> contact, OptionalDouble score);
}
