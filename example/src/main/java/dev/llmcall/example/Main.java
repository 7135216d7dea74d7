package dev.llmcall.example;

import dev.llmcall.runtime.ChatMessage;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first program a new user runs. With {@code OPENAI_API_KEY} or {@code ANTHROPIC_API_KEY}
 * set it calls the real APIs; with neither, it starts llmcall's fake provider on 127.0.0.1,
 * scripts a few failures into it, and shows how the generated clients handle them.
 */
public final class Main {
  private static final PrintStream OUT = System.out;
  private static final String TEXT = "llmcall turns an annotated Java interface into a reliable,"
      + " type-safe client for large language models, checked at compile time.";

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    boolean openAi = isSet(env, "OPENAI_API_KEY");
    boolean anthropic = isSet(env, "ANTHROPIC_API_KEY");
    if (openAi || anthropic) {
      OUT.println("llmcall example: calling the real APIs ("
          + (openAi ? "OpenAI" : "") + (openAi && anthropic ? " and " : "")
          + (anthropic ? "Anthropic" : "") + ").");
      try (LlmRuntime runtime = LlmRuntime.fromEnvironment()) {
        run(runtime, openAi, anthropic, null);
      }
      return;
    }
    try (FakeLlmServer fake = FakeLlmServer.start();
        LlmRuntime runtime = LlmRuntime.builder()
            .provider(ProviderConfig.openAi("fake-key").withBaseUrl(fake.openAiBaseUrl()))
            .provider(ProviderConfig.anthropic("fake-key").withBaseUrl(fake.anthropicBaseUrl()))
            .build()) {
      OUT.println("llmcall example: no OPENAI_API_KEY or ANTHROPIC_API_KEY is set, so this runs on"
          + " llmcall's fake provider at http://127.0.0.1:" + fake.port() + ".");
      OUT.println("Set either key to call the real API.");
      run(runtime, true, true, fake);
    }
  }

  private static void run(LlmRuntime runtime, boolean openAi, boolean anthropic, FakeLlmServer fake) {
    if (openAi) {
      Assistant assistant = LlmAssistant.create(runtime);
      OUT.println();
      OUT.println("summarize -> String");
      OUT.println("  " + assistant.summarize(TEXT));

      if (fake != null) {
        OUT.println();
        OUT.println("names -> LlmResponse<String>   (the fake provider answers 503 first)");
        fake.enqueue(FakeReply.status(503).header("retry-after-ms", "200"));
      } else {
        OUT.println();
        OUT.println("names -> LlmResponse<String>");
      }
      print(assistant.names(3, "cat"));

      OUT.println();
      OUT.println("summarizeAsync -> CompletableFuture<String>");
      OUT.println("  " + assistant.summarizeAsync(TEXT).join());

      if (fake != null) {
        OUT.println();
        OUT.println("names again, but the account's quota is used up (HTTP 429 insufficient_quota):");
        fake.enqueue(FakeReply.error(429, "insufficient_quota", "You exceeded your current quota."));
        try {
          assistant.names(2, "dog");
        } catch (LlmException e) {
          OUT.println("  " + e.getClass().getSimpleName() + ": " + e.getMessage());
          OUT.println("  category " + e.category() + ", retryable " + e.retryable()
              + ": retrying would not help, so llmcall did not.");
        }
      }
    }
    if (openAi) {
      Storyteller storyteller = LlmStoryteller.create(runtime);
      OUT.println();
      OUT.println("story -> Stream<String>, printed chunk by chunk as it arrives"
          + (fake == null ? "" : "   (the fake provider fails once with 529 first)"));
      if (fake != null) {
        fake.enqueue(FakeReply.status(529));
      }
      OUT.print("  ");
      try (Stream<String> story = storyteller.story("a lighthouse keeper")) {
        story.forEach(chunk -> {
          OUT.print(chunk);
          OUT.flush();
        });
      }
      OUT.println();
    }
    if (openAi) {
      extract(runtime, fake);
    }
    if (openAi) {
      conversation(runtime, fake);
    }
    if (openAi && anthropic) {
      fallback(runtime, fake);
    }
    if (anthropic) {
      Translator translator = LlmTranslator.create(runtime);
      OUT.println();
      OUT.println("translate (Anthropic) -> LlmResponse<String>");
      print(translator.translate("Guten Morgen", "English"));
    }
  }

  private static final String MEMO = "Met Grace Hopper (rear admiral, grace@navy.example) today;"
      + " a brilliant, generous mentor.";

  private static void extract(LlmRuntime runtime, FakeLlmServer fake) {
    Extractor extractor = LlmExtractor.create(runtime);
    OUT.println();
    OUT.println("contact -> a record, decoded from JSON with a schema written at compile time"
        + (fake == null ? "" : "   (the fake's first answer has a wrong enum value; it is repaired)"));
    if (fake != null) {
      fake.enqueue(FakeReply.text("{\"name\":\"Grace Hopper\",\"role\":\"rear admiral\","
          + "\"emails\":[\"grace@navy.example\"],\"sentiment\":\"GLOWING\"}"));
      fake.enqueue(FakeReply.text("{\"name\":\"Grace Hopper\",\"role\":\"rear admiral\","
          + "\"emails\":[\"grace@navy.example\"],\"sentiment\":\"POSITIVE\"}"));
    }
    Contact contact = extractor.contact(MEMO);
    OUT.println("  " + contact);
    OUT.println();
    OUT.println("greet -> the record rendered into the prompt as JSON");
    OUT.println("  " + extractor.greet(contact));
  }

  private static void conversation(LlmRuntime runtime, FakeLlmServer fake) {
    Concierge concierge = LlmConcierge.create(runtime);
    AtomicInteger toolRuns = new AtomicInteger();
    Concierge.Weather weather = city -> {
      toolRuns.incrementAndGet();
      return new Concierge.Forecast(city, city.equals("Paris") ? 14 : 24, city.equals("Paris"));
    };
    OUT.println();
    OUT.println("ask -> a conversation of two questions, with a weather tool the model calls"
        + (fake == null ? "" : "   (the fake answers 503 once after the tool ran)"));
    if (fake != null) {
      fake.enqueue(FakeReply.toolCall("call_1", "forecast", "{\"city\":\"Paris\"}"))
          .enqueue(FakeReply.status(503))
          .enqueue(FakeReply.text("Yes: rain is forecast in Paris today, 14 °C."))
          .enqueue(FakeReply.toolCall("call_2", "forecast", "{\"city\":\"Rome\"}"))
          .enqueue(FakeReply.text("No: Rome stays dry today, 24 °C."));
    }
    List<ChatMessage> history = new ArrayList<>();
    for (String question : List.of("Do I need an umbrella in Paris today?", "And in Rome?")) {
      LlmResponse<String> r = concierge.ask(history, question, weather);
      history.addAll(r.turn()); // the question, the tool round, the answer
      OUT.println("  > " + question);
      OUT.println("  " + r.text());
    }
    OUT.println("  the tool ran " + toolRuns.get() + " times for " + history.size()
        + " messages of history");
  }

  private static void fallback(LlmRuntime runtime, FakeLlmServer fake) {
    Helpdesk helpdesk = LlmHelpdesk.create(runtime);
    OUT.println();
    OUT.println("answer -> LlmResponse<String>, with a fallback chain from OpenAI to Anthropic"
        + (fake == null ? "" : "   (the fake OpenAI answers 503 until its retries are spent)"));
    if (fake != null) {
      fake.enqueue(FakeReply.status(503)).enqueue(FakeReply.status(503));
    }
    LlmResponse<String> r = helpdesk.answer("What is a fallback chain?");
    OUT.println("  " + r.text());
    OUT.println("  answered by " + r.provider() + " " + r.model() + "; attempts: " + r.history().stream()
        .map(a -> a.provider() + (a.succeeded() ? " ok" : " " + a.httpStatus()))
        .collect(Collectors.joining(", ")));
  }

  private static void print(LlmResponse<String> r) {
    OUT.println("  " + r.text());
    OUT.println("  model " + r.model() + ", finish " + r.finishReason() + ", tokens "
        + r.usage().inputTokens() + " in / " + r.usage().outputTokens() + " out, "
        + r.attempts() + (r.attempts() == 1 ? " attempt" : " attempts")
        + (r.requestId() == null ? "" : ", request id " + r.requestId()));
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
