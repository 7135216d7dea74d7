package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.FinishReason;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.Usage;
import dev.llmcall.runtime.internal.failure.Classification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * OpenAI bodies read in one streaming pass: only the fields that belong to the first choice's
 * message count, wherever they sit and whatever surrounds them.
 */
class OpenAiFieldsTest {
  private static final ProviderWire WIRE = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT);

  private static ProviderWire.Decoded decode(String json) {
    return WIRE.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void modelsAndFinishReasonsReadOneAfterAnotherAreEachTheirOwn() {
    String[][] cases = {{"gpt-4o", "stop"}, {"gpt-4o", "length"}, {"gpt-4o-mini", "stop"},
        {"gpt-4\\u006f", "tool_calls"}, {"gpt-4o", "content_filter"}, {"gpt-4", "stops"},
        {"", "sto"}};
    String[] models = {"gpt-4o", "gpt-4o", "gpt-4o-mini", "gpt-4o", "gpt-4o", "gpt-4", ""};
    FinishReason[] reasons = {FinishReason.STOP, FinishReason.LENGTH, FinishReason.STOP,
        FinishReason.TOOL_CALLS, FinishReason.CONTENT_FILTER, FinishReason.OTHER, FinishReason.OTHER};
    for (int i = 0; i < cases.length; i++) {
      Completion c = assertInstanceOf(ProviderWire.Decoded.Success.class, decode(
          "{\"model\":\"" + cases[i][0] + "\",\"choices\":[{\"message\":{\"content\":\"x\"},"
              + "\"finish_reason\":\"" + cases[i][1] + "\"}]}")).completion();
      assertEquals(models[i], c.model(), "case " + i);
      assertEquals(reasons[i], c.finishReason(), "case " + i);
    }
  }

  @Test
  void answerWithLogprobsUsageFirstAndASecondChoice() {
    ProviderWire.Decoded d = decode("{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
        + "\"completion_tokens_details\":{\"completion_tokens\":99}},\"choices\":[{\"index\":0,"
        + "\"logprobs\":{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.01,\"bytes\":[72,105],"
        + "\"top_logprobs\":[]}],\"refusal\":null},\"message\":{\"role\":\"assistant\","
        + "\"content\":\"Hi there\",\"refusal\":null,\"tool_calls\":null,\"annotations\":[]},"
        + "\"finish_reason\":\"stop\"},{\"index\":1,\"message\":{\"content\":\"other\"},"
        + "\"finish_reason\":\"length\"}],\"model\":\"gpt-4o-mini-2024-07-18\",\"extra\":[[{}],null]}");
    Completion c = assertInstanceOf(ProviderWire.Decoded.Success.class, d).completion();
    assertEquals("Hi there", c.text());
    assertEquals("gpt-4o-mini-2024-07-18", c.model());
    assertEquals(FinishReason.STOP, c.finishReason());
    assertEquals(new Usage(12, 3), c.usage());
  }

  @Test
  void nullContentIsAnEmptyAnswerAndMissingUsageIsZero() {
    Completion c = assertInstanceOf(ProviderWire.Decoded.Success.class,
        decode("{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"stop\"}]}"))
        .completion();
    assertEquals("", c.text());
    assertEquals(new Usage(0, 0), c.usage());
  }

  @Test
  void noChoicesAndMalformedBodiesAreFailuresARefusalIsAnAnswer() { // unreadable: UNKNOWN
    assertEquals(ErrorCategory.UNKNOWN, failure(decode("{\"choices\":[]}")).category());
    assertEquals(ErrorCategory.UNKNOWN, failure(decode("[]")).category());
    assertEquals(ErrorCategory.UNKNOWN, failure(decode("{\"choices\":[{\"mess")).category());
    // A refusal is the answer's business: the engine makes it a result or a failure by shape.
    Completion refused = assertInstanceOf(ProviderWire.Decoded.Success.class, decode(
        "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't.\"},"
            + "\"finish_reason\":\"stop\"}]}")).completion();
    assertEquals("I can't.", refused.refusal());
    assertTrue(refused.filtered());
  }

  @Test
  void anEmptyToolCallListInEveryDeltaIsNotAToolCall() throws Exception {
    // vLLM sends "tool_calls":[] with every delta; only a call that is there counts.
    OpenAiFields empty = OpenAiFields.read(
        "{\"choices\":[{\"delta\":{\"content\":\"a\",\"tool_calls\":[]}}]}".getBytes(StandardCharsets.UTF_8),
        "delta");
    assertFalse(empty.toolCall);
    assertEquals("a", empty.content);
    OpenAiFields real = OpenAiFields.read(("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
        + "\"function\":{\"name\":\"f\"}}],\"content\":null}}]}").getBytes(StandardCharsets.UTF_8), "delta");
    assertTrue(real.toolCall);
    assertNull(real.content);
  }

  private static Classification failure(ProviderWire.Decoded d) {
    return assertInstanceOf(ProviderWire.Decoded.Failure.class, d).classification();
  }

  @Test
  void anAnswersUsageDetailIsRead() throws Exception { // #12
    Completion c = ((ProviderWire.Decoded.Success) WIRE.decode(("{\"model\":\"m\",\"choices\":[{"
        + "\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{"
        + "\"prompt_tokens\":12,\"completion_tokens\":9,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":8,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}")
        .getBytes(StandardCharsets.UTF_8))).completion();
    assertEquals(new Usage(12, 9, 8, 5), c.usage());
  }
}
