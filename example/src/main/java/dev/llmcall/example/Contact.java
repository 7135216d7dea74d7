package dev.llmcall.example;

import dev.llmcall.annotations.Description;
import java.util.List;
import java.util.Optional;

/** A structured result: llmcall writes its JSON schema and decoder at compile time. */
@Description("A person mentioned in the text")
public record Contact(
    @Description("Full name, as written") String name,
    @Description("Their role or job title, if the text says") Optional<String> role,
    List<String> emails,
    Sentiment sentiment) {

  /** How the text speaks of them. */
  public enum Sentiment { POSITIVE, NEUTRAL, NEGATIVE }
}
