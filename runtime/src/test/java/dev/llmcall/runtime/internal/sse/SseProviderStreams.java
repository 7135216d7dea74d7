package dev.llmcall.runtime.internal.sse;

import static dev.llmcall.runtime.internal.sse.SseFeeding.b;
import static dev.llmcall.runtime.internal.sse.SseFeeding.ev;
import static dev.llmcall.runtime.internal.sse.SseFeeding.msg;

import dev.llmcall.runtime.internal.sse.SseFeeding.Ev;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper for {@link SseDecoderTest}: event streams shaped like the providers' own, each with
 * the events it must decode to.
 */
final class SseProviderStreams {
  /** A stream as the chunks a server would write, and the events in it. */
  record Script(byte[][] chunks, List<Ev> expected) {}

  private static final String[] WORDS = {"Hello", " wörld", ",", " 你好", " 😀", " and", "\\n"};

  private SseProviderStreams() {}

  /**
   * OpenAI chat completions: {@code data:} lines of JSON chunks, LF endings, an OpenRouter-style
   * keep-alive comment every 500 chunks, and {@code data: [DONE]} last.
   */
  static Script openAi(int chunks) {
    List<byte[]> written = new ArrayList<>();
    List<Ev> expected = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      String json = "{\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":"
          + "1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{"
          + "\"content\":\"" + WORDS[i % WORDS.length] + "\"},\"finish_reason\":null}]}";
      written.add(b("data: " + json + "\n\n"));
      expected.add(msg(json));
      if (i % 500 == 0) {
        written.add(b(": OPENROUTER PROCESSING\n\n"));
      }
    }
    written.add(b("data: [DONE]\n\n"));
    expected.add(msg("[DONE]"));
    return new Script(written.toArray(byte[][]::new), expected);
  }

  /** Anthropic messages: an {@code event:} line before each {@code data:} line, CRLF endings. */
  static Script anthropic(int deltas) {
    List<byte[]> written = new ArrayList<>();
    List<Ev> expected = new ArrayList<>();
    add(written, expected, "message_start", "{\"type\":\"message_start\",\"message\":{"
        + "\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[],"
        + "\"usage\":{\"input_tokens\":9}}}");
    add(written, expected, "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\"}}");
    add(written, expected, "ping", "{\"type\": \"ping\"}");
    for (int i = 0; i < deltas; i++) {
      add(written, expected, "content_block_delta", "{\"type\":\"content_block_delta\","
          + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"tök" + i + "\"}}");
    }
    add(written, expected, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    add(written, expected, "message_delta", "{\"type\":\"message_delta\",\"delta\":{"
        + "\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":200}}");
    add(written, expected, "message_stop", "{\"type\":\"message_stop\"}");
    return new Script(written.toArray(byte[][]::new), expected);
  }

  private static void add(List<byte[]> written, List<Ev> expected, String type, String json) {
    written.add(b("event: " + type + "\r\ndata: " + json + "\r\n\r\n"));
    expected.add(ev(type, json));
  }
}
