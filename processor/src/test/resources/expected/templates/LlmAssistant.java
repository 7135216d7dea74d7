package com.example;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonWriting;
import java.io.IOException;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Assistant}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmAssistant implements Assistant {
  private static final CallSite JSON = CallSite.of("Assistant.json", "openai", "gpt-4o-mini");

  private static final CallSite COUNT = CallSite.of("Assistant.count", "openai", "gpt-4o-mini");

  private static final CallSite PLAIN = CallSite.of("Assistant.plain", "openai", "gpt-4o-mini");

  private static final CallSite ONLY_NULLABLE = CallSite.of("Assistant.onlyNullable", "openai", "gpt-4o-mini");

  private static final CallSite JOKE = CallSite.of("Assistant.joke", "openai", "gpt-4o-mini");

  private final BoundCall json;

  private final BoundCall count;

  private final BoundCall plain;

  private final BoundCall onlyNullable;

  private final BoundCall joke;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.json = runtime.bind(JSON);
    this.count = runtime.bind(COUNT);
    this.plain = runtime.bind(PLAIN);
    this.onlyNullable = runtime.bind(ONLY_NULLABLE);
    this.joke = runtime.bind(JOKE);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public String json(String text, String language) {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    return this.json.text("You speak " + language + ".", "Reply with JSON like {\"summary\": \"...\"} for: " + text);
  }

  @Override
  public String count(int count, long unit, List<String> topics) {
    Objects.requireNonNull(topics, "topics == null");
    return this.count.text("Count is " + count + ".", String.valueOf(count) + unit + " of " + JsonWriting.toJson(topics, LlmAssistant::encodeStringList));
  }

  @Override
  public String plain(String text, @Assistant.Nullable String context) {
    Objects.requireNonNull(text, "text == null");
    return this.plain.text("Context: " + context, text);
  }

  @Override
  public String onlyNullable(@Assistant.Nullable String context, String language) {
    Objects.requireNonNull(language, "language == null");
    return this.onlyNullable.text("You speak " + language + ".", String.valueOf(context));
  }

  @Override
  public String joke() {
    return this.joke.text("No {placeholders} here.", "Tell me a joke.");
  }

  private static void encodeStringList(JsonGenerator g, List<String> value) throws IOException {
    g.writeStartArray();
    for (String item : value) {
      g.writeString(item);
    }
    g.writeEndArray();
  }
}
