package dev.llmcall.example;

import dev.llmcall.annotations.Description;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Tool;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.LlmResponse;
import java.util.List;

/**
 * A conversation with a tool: the caller keeps the history, the model calls the weather tool when
 * it needs a forecast, and the generated client runs the tool loop (each tool call once, even
 * across retries).
 */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Concierge {

  /** The tools the model may call; the caller passes an implementation with each question. */
  interface Weather {
    @Tool("Today's weather forecast for a city")
    Forecast forecast(@Description("The city's name, in English") String city);
  }

  /** A forecast, sent back to the model as JSON. */
  record Forecast(String city, int celsius, boolean rain) {}

  @LlmCall(system = "You are a concise travel concierge. Use the weather tool for forecasts.",
      prompt = "{question}", maxToolRounds = 3)
  LlmResponse<String> ask(List<ChatMessage> history, String question, Weather weather);
}
