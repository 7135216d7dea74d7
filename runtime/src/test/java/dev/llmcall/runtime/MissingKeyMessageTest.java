package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.CallSite;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A runtime from {@code LlmRuntime.builder()} without {@code .environment(...)} never reads
 * environment variables, so its missing-key message must not tell the user to set one that may
 * well be set (issue 15).
 */
class MissingKeyMessageTest {

  private static String bindFailure(LlmRuntime runtime, String provider) {
    return assertThrows(IllegalStateException.class,
        () -> runtime.bind(CallSite.of("Assistant.summarize", provider, "m"))).getMessage();
  }

  @Test
  void builderWithoutEnvironmentSaysItDoesNotReadTheEnvironmentAndHowToMakeIt() {
    String message = bindFailure(LlmRuntime.builder().build(), "openai");
    assertTrue(message.contains("No API key for provider 'openai' used by Assistant.summarize"),
        message);
    assertTrue(message.contains("LlmRuntime.builder(), which does not read environment variables"),
        message);
    assertTrue(message.contains("OPENAI_API_KEY was not looked at"), message);
    assertTrue(message.contains(".environment(System.getenv())"), message);
    assertTrue(message.contains("LlmRuntime.fromEnvironment()"), message);
    assertTrue(message.contains("builder().provider(...)"), message);
    assertFalse(message.contains("set OPENAI_API_KEY"), message);
  }

  @Test
  void builderWithAnEnvironmentStillSaysWhichVariableToSet() {
    String message = bindFailure(LlmRuntime.builder().environment(Map.of("PATH", "/bin")).build(),
        "anthropic");
    assertTrue(message.contains("set ANTHROPIC_API_KEY"), message);
    assertFalse(message.contains("does not read"), message);
  }

  @Test
  void unknownProviderWithoutEnvironmentSaysTheSame() {
    String message = bindFailure(LlmRuntime.builder().build(), "local-vllm");
    assertTrue(message.contains("No provider 'local-vllm' is configured for Assistant.summarize"),
        message);
    assertTrue(message.contains("LOCAL_VLLM_BASE_URL"), message);
    assertTrue(message.contains("does not read environment variables"), message);
    assertTrue(message.contains(".environment(System.getenv())"), message);
    assertFalse(message.contains("set LOCAL_VLLM_BASE_URL"), message);
  }

  @Test
  void fromEnvironmentReadsTheEnvironment() {
    // Whatever this machine's variables are, the message never claims they were not read.
    try (LlmRuntime runtime = LlmRuntime.fromEnvironment()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> runtime.bind(CallSite.of("A.b", "no-such-provider-for-llmcall-tests", "m")));
      assertFalse(e.getMessage().contains("does not read"), e.getMessage());
    }
  }
}
