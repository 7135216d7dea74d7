package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.List;
import java.util.Map;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface TwoTypeErrors {
  record Team(
      String name,
      int[] scores,
      List<Member> members) {}

  record Member(
      String name,
      Map<Integer, String> roles) {}

  @LlmCall(prompt = "The team in: {text}")
  Team team(String text);

  @LlmCall(prompt = "The members of: {text}")
  List<Member> members(String text);
}
