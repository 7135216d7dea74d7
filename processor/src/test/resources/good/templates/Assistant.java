package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.util.List;

@LlmClient(provider = "openai", model = "gpt-4o-mini", system = "You speak {language}.")
public interface Assistant {

  /** Escaped braces, and the interface's system template over this method's parameters. */
  @LlmCall(prompt = "Reply with JSON like {{\"summary\": \"...\"}} for: {text}")
  String json(String text, String language);

  /** A non-String parameter first: String.valueOf, so that two ints are never added. */
  @LlmCall(prompt = "{count}{unit} of {topics}", system = "Count is {count}.")
  String count(int count, long unit, List<String> topics);

  /** A nullable parameter is not checked and renders as "null". */
  @LlmCall(prompt = "{text}", system = "Context: {context}")
  String plain(String text, @Nullable String context);

  /** A lone nullable String still reaches the runtime as a String, never as null. */
  @LlmCall(prompt = "{context}", system = "")
  String onlyNullable(@Nullable String context, String language);

  /** No placeholder at all: one literal. */
  @LlmCall(prompt = "Tell me a joke.", system = "No {{placeholders}} here.")
  String joke();

  @interface Nullable {}
}
