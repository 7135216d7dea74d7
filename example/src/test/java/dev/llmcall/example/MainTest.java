package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example a new user runs first, on the fake provider (the test JVM has no API key set). */
class MainTest {
  @Test
  void runsOnTheFakeProviderAndShowsRetryAndQuotaHandling() {
    if (System.getenv("OPENAI_API_KEY") != null || System.getenv("ANTHROPIC_API_KEY") != null) {
      return; // with a real key the example calls the real API, which tests never do
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("fake provider at http://127.0.0.1:"), out);
    assertTrue(out.contains("You asked: Summarize: llmcall turns"), out);
    assertTrue(out.contains("2 attempts"), out);
    assertTrue(out.contains("[RATE_LIMIT]"), out);
    assertTrue(out.contains("retryable false"), out);
    assertTrue(out.contains("translate (Anthropic)"), out);
    assertTrue(out.contains("answered by anthropic"), out);
    assertTrue(out.contains("Yes: rain is forecast in Paris"), out);
    assertTrue(out.contains("No: Rome stays dry"), out);
    // once per tool call, the 503 after the first notwithstanding; 2 turns of 4 messages each
    assertTrue(out.contains("the tool ran 2 times for 8 messages of history"), out);
    assertTrue(out.contains("attempts: openai 503, openai 503, anthropic ok"), out);
    assertTrue(out.contains("story -> Stream<String>"), out);
    assertTrue(out.contains("Contact[name=Grace Hopper, role=Optional[rear admiral]"), out);
    assertTrue(out.contains("You asked: Tell a story about a lighthouse keeper"), out);
  }
}
