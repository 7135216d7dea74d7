package com.example;

import dev.llmcall.annotations.Description;
import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Model;
import dev.llmcall.annotations.Tool;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Assistant {
  enum Unit { CELSIUS, FAHRENHEIT }

  @Description("A place on earth")
  record City(String name, String country) {}

  record Forecast(City city, List<Double> temperatures, Unit unit) {}

  interface Weather {
    @Tool("The forecast for a city, for the next days")
    Forecast forecast(@Description("Where") City city, int days, Optional<Unit> unit);

    @Tool(value = "Cities near a place", name = "nearby_cities")
    List<City> nearby(City city, List<String> exclude);

    @Tool("How many days of forecast there are")
    int horizon();

    @Tool("Remembers a note")
    void remember(String note);

    @Tool("Says what the weather is like, in words")
    String describe(String city);

    default String unused() {
      return "not a tool";
    }
  }

  @LlmCall(prompt = "{question}")
  LlmResponse<String> reply(List<ChatMessage> history, String question);

  @LlmCall(prompt = "{question}")
  String ask(@Model String model, String question);

  @LlmCall(system = "You describe pictures.", prompt = "What is in these pictures?")
  String describe(Image image, @ImageInput(mediaType = "image/png") byte[] png,
      @ImageInput Path file, @ImageInput URI url);

  @LlmCall(prompt = "Should I take an umbrella in {city}?", maxToolRounds = 3)
  String advise(String city, Weather weather);

  @LlmCall(prompt = "Plan a trip to {city}", failOnToolError = true)
  CompletableFuture<String> plan(List<ChatMessage> history, String city, Weather weather);

  @LlmCall(prompt = "Tell the weather in {city}")
  Stream<String> tell(String city, Weather weather);

  @LlmCall(prompt = "Tell the weather in {city}")
  LlmStream tellLive(String city, Weather weather);

  @LlmCall(prompt = "Tell the weather in {city}")
  Flow.Publisher<String> publish(String city, Weather weather);

  @LlmCall(prompt = "The forecast for {city}")
  Forecast forecast(String city, Weather weather, @ImageInput(mediaType = "image/jpeg") byte[] map);
}
