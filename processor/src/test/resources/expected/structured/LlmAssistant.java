package com.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Assistant}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmAssistant implements Assistant {
  private static final CallSite EXTRACT = CallSite.of("Assistant.extract", "openai", "gpt-4o-mini")
      .temperature(0.0)
      .repairAttempts(2);

  private static final CallSite EVERYONE = CallSite.of("Assistant.everyone", "openai", "gpt-4o-mini");

  private static final CallSite MOOD = CallSite.of("Assistant.mood", "openai", "gpt-4o-mini")
      .repairAttempts(0);

  private static final CallSite AUTHOR = CallSite.of("Assistant.author", "openai", "gpt-4o-mini");

  private static final StructuredOutput<Assistant.Person> PERSON_OUTPUT = StructuredOutput.of("Person",
      "{\"type\":\"object\",\"description\":\"A person mentioned in the text\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Full name as written\"},\"age\":{\"type\":\"integer\"},\"address\":{\"$ref\":\"#/$defs/Address\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"previous\":{\"anyOf\":[{\"$ref\":\"#/$defs/Address\"},{\"type\":\"null\"}]},\"mood\":{\"type\":\"string\",\"enum\":[\"HAPPY\",\"SAD\"]}},\"required\":[\"name\",\"age\",\"address\",\"tags\",\"previous\",\"mood\"],\"additionalProperties\":false,\"$defs\":{\"Address\":{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}},\"required\":[\"street\",\"city\"],\"additionalProperties\":false}}}",
      LlmAssistant::decodePerson);

  private static final StructuredOutput<List<Assistant.Person>> PERSON_LIST_OUTPUT = StructuredOutput.of("PersonList",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"description\":\"A person mentioned in the text\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Full name as written\"},\"age\":{\"type\":\"integer\"},\"address\":{\"$ref\":\"#/$defs/Address\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"previous\":{\"anyOf\":[{\"$ref\":\"#/$defs/Address\"},{\"type\":\"null\"}]},\"mood\":{\"type\":\"string\",\"enum\":[\"HAPPY\",\"SAD\"]}},\"required\":[\"name\",\"age\",\"address\",\"tags\",\"previous\",\"mood\"],\"additionalProperties\":false}}},\"required\":[\"value\"],\"additionalProperties\":false,\"$defs\":{\"Address\":{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}},\"required\":[\"street\",\"city\"],\"additionalProperties\":false}}}",
      LlmAssistant::decodePersonListRoot);

  private static final StructuredOutput<Assistant.Mood> MOOD_OUTPUT = StructuredOutput.of("Mood",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"string\",\"enum\":[\"HAPPY\",\"SAD\"]}},\"required\":[\"value\"],\"additionalProperties\":false}",
      LlmAssistant::decodeMoodRoot);

  private final BoundCall extract;

  private final BoundCall everyone;

  private final BoundCall mood;

  private final BoundCall author;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.extract = runtime.bind(EXTRACT);
    this.everyone = runtime.bind(EVERYONE);
    this.mood = runtime.bind(MOOD);
    this.author = runtime.bind(AUTHOR);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public Assistant.Person extract(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.extract.structured(null, "Who is in: " + text, PERSON_OUTPUT).value();
  }

  @Override
  public LlmResponse<List<Assistant.Person>> everyone(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.everyone.structured(null, "Everyone in: " + text, PERSON_LIST_OUTPUT);
  }

  @Override
  public CompletableFuture<Assistant.Mood> mood(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.mood.structuredAsync(null, "The mood of: " + text, MOOD_OUTPUT).thenApply(LlmResponse::value);
  }

  @Override
  public CompletableFuture<LlmResponse<Assistant.Person>> author(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.author.structuredAsync(null, "Who wrote: " + text, PERSON_OUTPUT);
  }

  private static List<Assistant.Person> decodePersonListRoot(JsonNode node, String path,
      Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    List<Assistant.Person> value = JsonFields.list(node.get("value"), path + ".value", v, LlmAssistant::decodePerson);
    return v.isEmpty() ? value : null;
  }

  private static Assistant.Mood decodeMoodRoot(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    Assistant.Mood value = JsonFields.enumValue(node.get("value"), path + ".value", v, Assistant.Mood.values());
    return v.isEmpty() ? value : null;
  }

  private static Assistant.Person decodePerson(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "name", "age", "address", "tags", "previous", "mood")) {
      return null;
    }
    String name = JsonFields.string(node.get("name"), path + ".name", v);
    int age = JsonFields.int32(node.get("age"), path + ".age", v);
    Assistant.Address address = decodeAddress(node.get("address"), path + ".address", v);
    List<String> tags = JsonFields.list(node.get("tags"), path + ".tags", v, JsonFields::string);
    Optional<Assistant.Address> previous = JsonFields.optional(node.get("previous"), path + ".previous", v, LlmAssistant::decodeAddress);
    Assistant.Mood mood = JsonFields.enumValue(node.get("mood"), path + ".mood", v, Assistant.Mood.values());
    return v.isEmpty() ? new Assistant.Person(name, age, address, tags, previous, mood) : null;
  }

  private static Assistant.Address decodeAddress(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "street", "city")) {
      return null;
    }
    String street = JsonFields.string(node.get("street"), path + ".street", v);
    String city = JsonFields.string(node.get("city"), path + ".city", v);
    return v.isEmpty() ? new Assistant.Address(street, city) : null;
  }
}
