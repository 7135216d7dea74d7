package dev.llmcall.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import dev.llmcall.testkit.VirtualScheduler;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An Optional parameter renders as its value, or as nothing, never as Optional[...] (#15). */
class OptionalParametersTest {
  private FakeLlmServer server;
  private LlmRuntime runtime;

  @BeforeEach
  void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("sk-e2e-optional").withBaseUrl(server.openAiBaseUrl()))
        .scheduler(new VirtualScheduler())
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  @Test
  void presentValuesAreRenderedAsTheValueWouldBe() {
    server.enqueue(FakeReply.text("ok"));
    Contact grace = new Contact("Grace", Optional.empty(), List.of(), Contact.Sentiment.NEUTRAL);
    LlmBriefing.create(runtime).brief("Grace", Optional.of("Admiral"), Optional.of(85),
        Optional.of(grace), OptionalDouble.of(0.5));
    assertEquals("Brief Grace[Admiral] aged 85, contact {\"name\":\"Grace\",\"role\":null,"
        + "\"emails\":[],\"sentiment\":\"NEUTRAL\"}, score 0.5.", prompt());
  }

  @Test
  void emptyValuesAreRenderedAsNothing() {
    server.enqueue(FakeReply.text("ok"));
    LlmBriefing.create(runtime).brief("Grace", Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalDouble.empty());
    assertEquals("Brief Grace[] aged , contact , score .", prompt());
  }

  private String prompt() {
    return server.takeRequest().json().path("messages").path(0).path("content").asText();
  }
}
