package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a call cost, on its response or its exception, every attempt included (#14). */
class CostTest {
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = runtime(LlmRuntime.builder());
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private LlmRuntime runtime(LlmRuntime.Builder b) {
    return b.provider(ProviderConfig.openAi("sk-cost-0123456789").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  private static void assertUsd(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
  }

  @Test
  void aResponseCostsItsUsageAtTheAnsweringModelsListPrice() {
    server.enqueue(FakeReply.text("Hi").model("gpt-4o-mini-2024-07-18").usage(1_000, 500));
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "openai", "gpt-4o-mini")).call(null, "hi");
    assertUsd("0.00015", r.cost().input());
    assertUsd("0.0003", r.cost().output());
  }

  @Test
  void theModelAskedForPricesItWhenTheAnsweringOneIsUnknown() {
    server.enqueue(FakeReply.text("Hi").model("").usage(1_000_000, 0));
    assertUsd("2.50", runtime.bind(CallSite.of("A.b", "openai", "gpt-4o")).call(null, "hi").cost().total());
    // An Azure deployment name has no price, but the model that answered does.
    server.enqueue(FakeReply.text("Hi").model("gpt-4o-2024-08-06").usage(0, 1_000_000));
    assertUsd("10.00", runtime.bind(CallSite.of("A.b", "openai", "prod-deployment")).call(null, "hi").cost().total());
  }

  @Test
  void repairedAttemptsAreCounted() {
    server.enqueue(FakeReply.text("{\"name\":\"Ada\"}").model("gpt-4o").usage(100, 10))
        .enqueue(FakeReply.text("{\"name\":\"Ada\",\"age\":36}").model("gpt-4o").usage(100, 20));
    LlmResponse<StructuredOutputTest.Person> r = runtime.bind(CallSite.of("A.b", "openai", "gpt-4o"))
        .structured(null, "Who?", StructuredOutputTest.PERSON);
    assertEquals(2, r.attempts());
    assertEquals(new Usage(200, 30), r.usage());
    assertUsd("0.0005", r.cost().input());   // 200 x 2.50 / 1M
    assertUsd("0.0003", r.cost().output());  // 30 x 10.00 / 1M
  }

  @Test
  void streamedResponsesCostToo() {
    server.enqueue(FakeReply.stream("a", "b").model("claude-haiku-4-5").usage(2_000, 1_000));
    runtime.close();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.anthropic("sk-ant-cost-0123").withBaseUrl(server.anthropicBaseUrl()))
        .build();
    LlmResponse<String> r = runtime.bind(CallSite.of("A.b", "anthropic", "claude-haiku-4-5"))
        .stream(null, "hi").response();
    assertUsd("0.007", r.cost().total()); // 2000 x 1.00 + 1000 x 5.00, per 1M
  }

  @Test
  void aFailedCallCostsWhatItsAttemptsWereBilled() {
    server.enqueue(FakeReply.text("").refusal("No.").usage(1_000, 100));
    LlmException refused = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "gpt-4o-mini")).text(null, "bad"));
    assertUsd("0.00021", refused.cost().orElseThrow().total()); // 1000 x 0.15 + 100 x 0.60

    server.enqueue(FakeReply.text("{}").usage(100, 10)).enqueue(FakeReply.text("{}").usage(100, 10));
    LlmException invalid = assertThrows(LlmException.class, () -> runtime
        .bind(CallSite.of("A.b", "openai", "gpt-4o").repairAttempts(1))
        .structured(null, "Who?", StructuredOutputTest.PERSON));
    assertEquals(new Usage(200, 20), invalid.usage());
    assertUsd("0.0007", invalid.cost().orElseThrow().total());
  }

  @Test
  void anUnknownPriceIsAbsentNotZero() {
    server.enqueue(FakeReply.text("Hi").model("llama-3-70b").usage(10, 10));
    assertNull(runtime.bind(CallSite.of("A.b", "openai", "llama-3-70b")).call(null, "hi").cost());
    server.enqueue(FakeReply.status(400));
    LlmException e = assertThrows(LlmException.class,
        () -> runtime.bind(CallSite.of("A.b", "openai", "llama-3-70b")).call(null, "hi"));
    assertFalse(e.cost().isPresent());
  }

  @Test
  void pricesAreOverriddenOnTheBuilder() {
    runtime.close();
    runtime = runtime(LlmRuntime.builder().price("my-finetune", ModelPrice.perMillion("4", "16")));
    server.enqueue(FakeReply.text("Hi").model("my-finetune").usage(500_000, 250_000));
    assertUsd("6", runtime.bind(CallSite.of("A.b", "openai", "my-finetune")).call(null, "hi").cost().total());
    assertEquals(PriceTable.builtIn().asOf(), runtime.prices().asOf());

    runtime.close();
    runtime = runtime(LlmRuntime.builder().prices(PriceTable.empty()));
    server.enqueue(FakeReply.text("Hi").model("gpt-4o").usage(10, 10));
    assertNull(runtime.bind(CallSite.of("A.b", "openai", "gpt-4o")).call(null, "hi").cost());
  }
}
