package dev.llmcall.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** #13: {@code @Hedge} needs a stream and a fallback chain, and a delay and percentile in range. */
class HedgeDiagnosticsTest {
  private static final String CHAIN = "  @Fallback(name = \"story\", to = @Fallback.Target("
      + "provider = \"anthropic\", model = \"claude-haiku-4-5\"))";

  private static JavaFileObject assistant(String... lines) {
    String[] all = new String[lines.length + 3];
    all[0] = "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")";
    all[1] = "public interface Assistant {";
    System.arraycopy(lines, 0, all, 2, lines.length);
    all[lines.length + 2] = "}";
    return source("Assistant", all);
  }

  /** The compile fails with exactly {@code message}, on the line that has {@code line}. */
  private static void assertOneError(JavaFileObject source, Messages message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message.tag()).inFile(source).onLineContaining(line);
  }

  @Test
  void aHedgedStreamWithAChainCompilesWithoutWarnings() {
    assertThat(compile(assistant(
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        CHAIN,
        "  @Hedge(afterMillis = 2000, percentile = 95)",
        "  LlmStream story(String topic);")))
        .succeededWithoutWarnings();
  }

  @Test
  void theInterfacesHedgeReachesOnlyStreamsWithAChain() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Hedge(afterMillis = 2000)",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  Stream<String> story(String topic);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void aHedgeOnAMethodThatDoesNotStreamIsAnError() {
    JavaFileObject source = assistant(
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        CHAIN,
        "  @Hedge(afterMillis = 2000)",
        "  String summarize(String text);");
    assertOneError(source, Messages.HEDGE_WITHOUT_STREAM, "@Hedge(afterMillis = 2000)");
  }

  @Test
  void aHedgeWithoutAChainIsAnError() {
    JavaFileObject source = assistant(
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  @Hedge(afterMillis = 2000)",
        "  Flow.Publisher<String> story(String topic);");
    assertOneError(source, Messages.HEDGE_WITHOUT_FALLBACK, "@Hedge(afterMillis = 2000)");
  }

  @Test
  void theInterfacesChainIsEnoughForAMethodsHedge() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        CHAIN.trim(),
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  @Hedge(afterMillis = 2000)",
        "  LlmStream story(String topic);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void aDelayBelowOneMillisecondIsAnErrorOnItsValue() {
    JavaFileObject source = assistant(
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        CHAIN,
        "  @Hedge(percentile = 95,",
        "      afterMillis = 0)",
        "  LlmStream story(String topic);");
    assertOneError(source, Messages.HEDGE_DELAY_OUT_OF_RANGE, "afterMillis = 0");
  }

  @Test
  void aPercentileOutOfRangeIsAnErrorOnItsValue() {
    JavaFileObject source = assistant(
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        CHAIN,
        "  @Hedge(afterMillis = 2000,",
        "      percentile = 10)",
        "  LlmStream story(String topic);");
    assertOneError(source, Messages.HEDGE_PERCENTILE_OUT_OF_RANGE, "percentile = 10");
  }

  @Test
  void theInterfacesHedgeIsCheckedOnceOnItsValue() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        CHAIN.trim(),
        "@Hedge(afterMillis = 2000,",
        "    percentile = 100)",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  LlmStream story(String topic);",
        "  @LlmCall(prompt = \"Tell a tale about {topic}\")",
        "  LlmStream tale(String topic);",
        "}");
    assertOneError(source, Messages.HEDGE_PERCENTILE_OUT_OF_RANGE, "percentile = 100");
  }
}
