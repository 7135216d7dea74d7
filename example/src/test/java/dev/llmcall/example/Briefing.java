package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.Optional;

/** Optional parameters in templates (#15): their value, or nothing. */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
interface Briefing {
  @LlmCall(prompt = "Brief {name}[{title}] aged {age}, contact {contact}.")
  String brief(String name, Optional<String> title, Optional<Integer> age,
      Optional<Contact> contact);
}
