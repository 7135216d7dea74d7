package dev.llmcall.example;

import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Model;
import dev.llmcall.annotations.Tool;
import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.Image;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** A conversation, images and tools (#12), on each wire. */
@LlmClient(provider = "openai", model = "gpt-4o-mini", system = "You are brief.")
interface Conversation {

  /** A tool set: the caller's implementation is passed to each call. */
  interface Clock {
    @Tool("The time now, as HH:mm, in a time zone")
    String now(String zone);
  }

  @LlmCall(prompt = "{question}")
  String reply(List<ChatMessage> history, String question);

  @LlmCall(prompt = "{question}")
  String replyWith(@Model String model, String question);

  @LlmCall(prompt = "{question}", provider = "anthropic", model = "claude-sonnet-4-5")
  String replyOnAnthropic(List<ChatMessage> history, String question);

  @LlmCall(prompt = "What is in these pictures?")
  String look(Image image, @ImageInput(mediaType = "image/png") byte[] png,
      @ImageInput URI url, @ImageInput Path file);

  @LlmCall(prompt = "What is in these pictures?", provider = "anthropic",
      model = "claude-sonnet-4-5")
  String lookOnAnthropic(Image image, @ImageInput(mediaType = "image/png") byte[] png,
      @ImageInput URI url, @ImageInput Path file);

  @LlmCall(prompt = "What time is it in {zone}?", maxToolRounds = 2)
  String time(String zone, Clock clock);

  @LlmCall(prompt = "What time is it in {zone}?", provider = "anthropic",
      model = "claude-sonnet-4-5")
  String timeOnAnthropic(String zone, Clock clock);
}
