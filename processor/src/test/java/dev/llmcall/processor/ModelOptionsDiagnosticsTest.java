package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Options of current models on {@code @LlmCall}: ranges and what each provider takes (#12). */
class ModelOptionsDiagnosticsTest {

  private static JavaFileObject client(String provider, String options, String returnType) {
    return source("Assistant",
        "@LlmClient(provider = \"" + provider + "\", model = \"m\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\",",
        "      " + options + ")",
        "  " + returnType + " summarize(String text);",
        "}");
  }

  private static void failsWith(JavaFileObject source, Messages message, String onLine) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message.tag()).inFile(source)
        .onLineContaining(onLine);
  }

  @Test
  void everyOptionIsWrittenToTheCallSite() {
    Compilation openAi = compile(client("openai",
        "topP = 0.9, stop = {\"END\", \"###\"}, seed = -7, reasoningEffort = \"low\"", "String"));
    assertThat(openAi).succeededWithoutWarnings();
    String generated = Golden.generated(openAi, "com.example.LlmAssistant");
    for (String call : new String[] {
        ".topP(0.9)", ".stop(\"END\", \"###\")", ".seed(-7L)", ".reasoningEffort(\"low\")"}) {
      assertThat(generated).contains(call);
    }
    Compilation anthropic = compile(client("anthropic",
        "maxTokens = 8000, thinkingBudget = 2048, topP = 0.95", "String"));
    assertThat(anthropic).succeededWithoutWarnings();
    assertThat(Golden.generated(anthropic, "com.example.LlmAssistant"))
        .contains(".thinkingBudget(2048)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "openai    | topP = 1.5                              | LLM_TOP_P          | topP = 1.5",
    "openai    | stop = {\"a\", \"b\", \"c\", \"d\", \"e\"} | LLM_STOP           | stop =",
    "openai    | stop = {\"a\", \"a\"}                     | LLM_STOP           | stop =",
    "openai    | stop = {\"\"}                             | LLM_STOP           | stop =",
    "openai    | reasoningEffort = \"extreme\"             | LLM_EFFORT         | reasoningEffort =",
    "anthropic | seed = 42                               | LLM_NOT_SUPPORTED  | seed = 42",
    "anthropic | reasoningEffort = \"low\"                 | LLM_NOT_SUPPORTED  | reasoningEffort =",
    "openai    | thinkingBudget = 2048                   | LLM_NOT_SUPPORTED  | thinkingBudget =",
    "xai       | thinkingBudget = 2048                   | LLM_NOT_SUPPORTED  | thinkingBudget =",
    "anthropic | thinkingBudget = 512                    | LLM_BUDGET         | thinkingBudget =",
    "anthropic | thinkingBudget = 4096                   | LLM_BUDGET         | thinkingBudget =",
    "anthropic | maxTokens = 2000, thinkingBudget = 2000 | LLM_BUDGET         | thinkingBudget =",
    "anthropic | thinkingBudget = 2048, temperature = 0.2 | LLM_THINKING      | temperature =",
    "anthropic | thinkingBudget = 2048, topP = 0.9       | LLM_THINKING      | topP =",
  })
  void badOptionsAreErrorsOnTheirValue(
      String provider, String options, String message, String onLine) {
    Messages expected = switch (message) {
      case "LLM_TOP_P" -> Messages.TOP_P_OUT_OF_RANGE;
      case "LLM_STOP" -> Messages.INVALID_STOP;
      case "LLM_EFFORT" -> Messages.INVALID_REASONING_EFFORT;
      case "LLM_NOT_SUPPORTED" -> Messages.OPTION_NOT_SUPPORTED;
      case "LLM_BUDGET" -> Messages.INVALID_THINKING_BUDGET;
      default -> Messages.THINKING_CONFLICT;
    };
    failsWith(client(provider, options, "String"), expected, onLine);
  }

  @Test
  void thinkingWithAStructuredResultIsAnError() {
    JavaFileObject source = source("Extractor",
        "@LlmClient(provider = \"anthropic\", model = \"m\")",
        "public interface Extractor {",
        "  record Person(String name) {}",
        "  @LlmCall(prompt = \"Who: {text}\",",
        "      thinkingBudget = 2048)",
        "  Person person(String text);",
        "}");
    failsWith(source, Messages.THINKING_CONFLICT, "thinkingBudget =");
  }

  @Test
  void aProviderRegisteredAtRunTimeMayTakeAnyOption() {
    assertThat(compile(client("my-gateway", "seed = 1, thinkingBudget = 2048", "String")))
        .succeededWithoutWarnings();
  }
}
