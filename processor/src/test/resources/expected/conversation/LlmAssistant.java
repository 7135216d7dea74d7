package com.example;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.JsonWriting;
import dev.llmcall.runtime.spi.Request;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.ToolDefinition;
import dev.llmcall.runtime.spi.Tools;
import dev.llmcall.runtime.spi.Violations;
import java.io.IOException;
import java.lang.Double;
import java.lang.Exception;
import java.lang.IllegalArgumentException;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Assistant}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmAssistant implements Assistant {
  private static final CallSite REPLY = CallSite.of("Assistant.reply", "openai", "gpt-4o-mini");

  private static final CallSite ASK = CallSite.of("Assistant.ask", "openai", "gpt-4o-mini");

  private static final CallSite DESCRIBE = CallSite.of("Assistant.describe", "openai", "gpt-4o-mini");

  private static final CallSite ADVISE = CallSite.of("Assistant.advise", "openai", "gpt-4o-mini");

  private static final CallSite PLAN = CallSite.of("Assistant.plan", "openai", "gpt-4o-mini");

  private static final CallSite TELL = CallSite.of("Assistant.tell", "openai", "gpt-4o-mini");

  private static final CallSite TELL_LIVE = CallSite.of("Assistant.tellLive", "openai", "gpt-4o-mini");

  private static final CallSite PUBLISH = CallSite.of("Assistant.publish", "openai", "gpt-4o-mini");

  private static final CallSite FORECAST = CallSite.of("Assistant.forecast", "openai", "gpt-4o-mini");

  private static final StructuredOutput<Assistant.Forecast> FORECAST_OUTPUT = StructuredOutput.of("Forecast",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"object\",\"description\":\"A place on earth\",\"properties\":{\"name\":{\"type\":\"string\"},\"country\":{\"type\":\"string\"}},\"required\":[\"name\",\"country\"],\"additionalProperties\":false},\"temperatures\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}},\"unit\":{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]}},\"required\":[\"city\",\"temperatures\",\"unit\"],\"additionalProperties\":false}",
      LlmAssistant::decodeForecast);

  private static final List<ToolDefinition> WEATHER_TOOLS = List.of(
      ToolDefinition.of("forecast", "The forecast for a city, for the next days",
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"object\",\"description\":\"Where\",\"properties\":{\"name\":{\"type\":\"string\"},\"country\":{\"type\":\"string\"}},\"required\":[\"name\",\"country\"],\"additionalProperties\":false},\"days\":{\"type\":\"integer\"},\"unit\":{\"anyOf\":[{\"type\":\"string\",\"enum\":[\"CELSIUS\",\"FAHRENHEIT\"]},{\"type\":\"null\"}]}},\"required\":[\"city\",\"days\",\"unit\"],\"additionalProperties\":false}"),
      ToolDefinition.of("nearby_cities", "Cities near a place",
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"object\",\"description\":\"A place on earth\",\"properties\":{\"name\":{\"type\":\"string\"},\"country\":{\"type\":\"string\"}},\"required\":[\"name\",\"country\"],\"additionalProperties\":false},\"exclude\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"city\",\"exclude\"],\"additionalProperties\":false}"),
      ToolDefinition.of("horizon", "How many days of forecast there are",
          "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}"),
      ToolDefinition.of("remember", "Remembers a note",
          "{\"type\":\"object\",\"properties\":{\"note\":{\"type\":\"string\"}},\"required\":[\"note\"],\"additionalProperties\":false}"),
      ToolDefinition.of("describe", "Says what the weather is like, in words",
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}"));

  private final BoundCall reply;

  private final BoundCall ask;

  private final BoundCall describe;

  private final BoundCall advise;

  private final BoundCall plan;

  private final BoundCall tell;

  private final BoundCall tellLive;

  private final BoundCall publish;

  private final BoundCall forecast;

  public LlmAssistant(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.reply = runtime.bind(REPLY);
    this.ask = runtime.bind(ASK);
    this.describe = runtime.bind(DESCRIBE);
    this.advise = runtime.bind(ADVISE);
    this.plan = runtime.bind(PLAN);
    this.tell = runtime.bind(TELL);
    this.tellLive = runtime.bind(TELL_LIVE);
    this.publish = runtime.bind(PUBLISH);
    this.forecast = runtime.bind(FORECAST);
  }

  public static Assistant create(LlmRuntime runtime) {
    return new LlmAssistant(runtime);
  }

  @Override
  public LlmResponse<String> reply(List<ChatMessage> history, String question) {
    Objects.requireNonNull(history, "history == null");
    Objects.requireNonNull(question, "question == null");
    return this.reply.call(Request.of(null, question)
            .history(history));
  }

  @Override
  public String ask(String model, String question) {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(question, "question == null");
    return this.ask.text(Request.of(null, question)
            .model(model));
  }

  @Override
  public String describe(Image image, byte[] png, Path file, URI url) {
    Objects.requireNonNull(image, "image == null");
    Objects.requireNonNull(png, "png == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(url, "url == null");
    return this.describe.text(Request.of("You describe pictures.", "What is in these pictures?")
            .image(image)
            .image(Image.of(png, "image/png"))
            .image(Image.of(file))
            .image(Image.of(url)));
  }

  @Override
  public String advise(String city, Assistant.Weather weather) {
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    return this.advise.text(Request.of(null, "Should I take an umbrella in " + city + "?")
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v)).maxRounds(3)));
  }

  @Override
  public CompletableFuture<String> plan(List<ChatMessage> history, String city,
      Assistant.Weather weather) {
    Objects.requireNonNull(history, "history == null");
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    return this.plan.textAsync(Request.of(null, "Plan a trip to " + city)
            .history(history)
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v)).failingOnToolError()));
  }

  @Override
  public Stream<String> tell(String city, Assistant.Weather weather) {
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    return this.tell.textStream(Request.of(null, "Tell the weather in " + city)
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v))));
  }

  @Override
  public LlmStream tellLive(String city, Assistant.Weather weather) {
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    return this.tellLive.stream(Request.of(null, "Tell the weather in " + city)
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v))));
  }

  @Override
  public Flow.Publisher<String> publish(String city, Assistant.Weather weather) {
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    return this.publish.publisher(Request.of(null, "Tell the weather in " + city)
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v))));
  }

  @Override
  public Assistant.Forecast forecast(String city, Assistant.Weather weather, byte[] map) {
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(weather, "weather == null");
    Objects.requireNonNull(map, "map == null");
    return this.forecast.structured(Request.of(null, "The forecast for " + city)
            .tools(Tools.of(WEATHER_TOOLS,
                (name, node, v) -> dispatchWeather(weather, name, node, v)))
            .image(Image.of(map, "image/jpeg")), FORECAST_OUTPUT).value();
  }

  private static Assistant.Forecast decodeForecast(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "city", "temperatures", "unit")) {
      return null;
    }
    Assistant.City city = decodeCity(node.get("city"), path + ".city", v);
    List<Double> temperatures = JsonFields.list(node.get("temperatures"), path + ".temperatures", v, JsonFields::float64);
    Assistant.Unit unit = JsonFields.enumValue(node.get("unit"), path + ".unit", v, Assistant.Unit.values());
    return v.isEmpty() ? new Assistant.Forecast(city, temperatures, unit) : null;
  }

  private static Assistant.City decodeCity(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "name", "country")) {
      return null;
    }
    String name = JsonFields.string(node.get("name"), path + ".name", v);
    String country = JsonFields.string(node.get("country"), path + ".country", v);
    return v.isEmpty() ? new Assistant.City(name, country) : null;
  }

  private static void encodeCityList(JsonGenerator g, List<Assistant.City> value) throws
      IOException {
    g.writeStartArray();
    for (Assistant.City item : value) {
      encodeCity(g, item);
    }
    g.writeEndArray();
  }

  private static void encodeInteger(JsonGenerator g, int value) throws IOException {
    g.writeNumber(value);
  }

  private static void encodeForecast(JsonGenerator g, Assistant.Forecast value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName("city");
    encodeCity(g, value.city());
    g.writeFieldName("temperatures");
    List<Double> temperatures = value.temperatures();
    if (temperatures == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Double item : temperatures) {
        if (item == null) {
          g.writeNull();
        } else {
          g.writeNumber(item);
        }
      }
      g.writeEndArray();
    }
    g.writeFieldName("unit");
    Assistant.Unit unit = value.unit();
    if (unit == null) {
      g.writeNull();
    } else {
      g.writeString(unit.name());
    }
    g.writeEndObject();
  }

  private static void encodeCity(JsonGenerator g, Assistant.City value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", value.name());
    g.writeStringField("country", value.country());
    g.writeEndObject();
  }

  private static String dispatchWeather(Assistant.Weather tools, String name, JsonNode node,
      Violations v) throws Exception {
    switch (name) {
      case "forecast": {
        if (!JsonFields.object(node, "$", v, "city", "days", "unit")) {
          return null;
        }
        Assistant.City city = decodeCity(node.get("city"), "$.city", v);
        int days = JsonFields.int32(node.get("days"), "$.days", v);
        Optional<Assistant.Unit> unit = JsonFields.optional(node.get("unit"), "$.unit", v, (n, p, vv) -> JsonFields.enumValue(n, p, vv, Assistant.Unit.values()));
        if (!v.isEmpty()) {
          return null;
        }
        return JsonWriting.toJson(tools.forecast(city, days, unit), LlmAssistant::encodeForecast);
      }
      case "nearby_cities": {
        if (!JsonFields.object(node, "$", v, "city", "exclude")) {
          return null;
        }
        Assistant.City city = decodeCity(node.get("city"), "$.city", v);
        List<String> exclude = JsonFields.list(node.get("exclude"), "$.exclude", v, JsonFields::string);
        if (!v.isEmpty()) {
          return null;
        }
        return JsonWriting.toJson(tools.nearby(city, exclude), LlmAssistant::encodeCityList);
      }
      case "horizon": {
        if (!JsonFields.object(node, "$", v)) {
          return null;
        }
        if (!v.isEmpty()) {
          return null;
        }
        return JsonWriting.toJson(tools.horizon(), LlmAssistant::encodeInteger);
      }
      case "remember": {
        if (!JsonFields.object(node, "$", v, "note")) {
          return null;
        }
        String note = JsonFields.string(node.get("note"), "$.note", v);
        if (!v.isEmpty()) {
          return null;
        }
        tools.remember(note);
        return "done";
      }
      case "describe": {
        if (!JsonFields.object(node, "$", v, "city")) {
          return null;
        }
        String city = JsonFields.string(node.get("city"), "$.city", v);
        if (!v.isEmpty()) {
          return null;
        }
        return String.valueOf(tools.describe(city));
      }
      default:
        throw new IllegalArgumentException("no tool called " + name);
    }
  }
}
