package dev.llmcall.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.bad;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider, model and the numeric and named options of a call. */
class SettingsDiagnosticsTest {

  @Test
  void missingProvider() {
    JavaFileObject source = bad("MissingProvider");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.MISSING_PROVIDER.tag())
        .inFile(source).onLine(8);
  }

  @Test
  void missingModel() {
    JavaFileObject source = bad("MissingModel");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.MISSING_MODEL.tag())
        .inFile(source).onLine(6);
  }

  @Test
  void blankModelIsMissing() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\", model = \" \")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.MISSING_MODEL.tag())
        .inFile(source).onLineContaining("@LlmCall");
  }

  @Test
  void invalidProviderOnLlmCall() {
    JavaFileObject source = bad("InvalidProvider");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLine(9);
  }

  /** #15: a name near a built-in one is most likely a typo, but could be a custom provider. */
  @Test
  void providerNameNearABuiltInOneIsAWarning() {
    JavaFileObject source = bad("ProviderTypo");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(Messages.PROVIDER_TYPO.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadWarningContaining("did you mean \"anthropic\"?");
  }

  @ParameterizedTest
  @CsvSource({"opnai, openai", "OpenAI, openai", "antropic, anthropic", "xAI, xai", "xaj, xai"})
  void providerTypos(String written, String meant) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"" + written + "\", model = \"m\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("did you mean \"" + meant + "\"?")
        .inFile(source).onLineContaining("@LlmClient");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local-vllm", "ollama", "groq", "azure", "gemini", "openai-eu", "ai"})
  void customProviderNamesAreNotTypos(String name) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"" + name + "\", model = \"m\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void circuitBreakerNamesAreLabelsNotProviders() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @CircuitBreaker(provider = \"OpenAI\")",
        "  String summarize(String text);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void invalidProviderOnLlmClientIsReportedOnceOnTheInterface() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(model = \"gpt-4o-mini\",",
        "    provider = \"open/ai\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Translate: {text}\")",
        "  String translate(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLineContaining("provider = \"open/ai\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "@CircuitBreaker(provider = \"1st\")",
    "@CircuitBreaker(provider = \" \")"
  })
  void invalidCircuitBreakerName(String annotation) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  " + annotation,
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLineContaining("@CircuitBreaker");
  }

  @Test
  void invalidCircuitBreakerNameOnTheInterface() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@CircuitBreaker(provider = \"my breaker\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Translate: {text}\")",
        "  String translate(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLineContaining("@CircuitBreaker");
  }

  @Test
  void negativeMaxTokens() {
    JavaFileObject source = bad("NegativeMaxTokens");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.NEGATIVE_MAX_TOKENS.tag())
        .inFile(source).onLine(9);
  }

  @Test
  void temperatureAboveTwo() {
    JavaFileObject source = bad("TemperatureOutOfRange");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.TEMPERATURE_OUT_OF_RANGE.tag())
        .inFile(source).onLine(9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.1", "2.01", "Double.POSITIVE_INFINITY"})
  void temperatureOutOfRange(String temperature) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\",",
        "      temperature = " + temperature + ")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.TEMPERATURE_OUT_OF_RANGE.tag())
        .inFile(source).onLineContaining("temperature =");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0", "2", "Double.NaN"})
  void temperatureInRangeOrUnset(String temperature) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\", temperature = " + temperature + ")",
        "  String summarize(String text);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void blankRetryPolicyOnAMethod() {
    JavaFileObject source = bad("BlankRetryPolicy");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_RETRY_POLICY.tag())
        .inFile(source).onLine(10);
  }

  @Test
  void blankRetryPolicyOnTheInterfaceIsReportedOnce() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(policy = \"\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Translate: {text}\")",
        "  String translate(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_RETRY_POLICY.tag())
        .inFile(source).onLineContaining("@Retry");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "maxAttempts = 0", "initialDelayMillis = -5", "multiplier = 0.5", "maxDelayMillis = -2",
      "jitter = 1.5", "maxRetryAfterMillis = -10", "timeoutMillis = 0"})
  void retryValueOutOfRange(String member) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @Retry(policy = \"default\",",
        "      " + member + ")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.RETRY_VALUE_OUT_OF_RANGE.tag())
        .inFile(source).onLineContaining(member);
  }

  @Test
  void retryValuesOnTheInterfaceAreCheckedOnceAndAllReported() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(maxAttempts = 0,",
        "    jitter = 2)",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Translate: {text}\")",
        "  String translate(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("maxAttempts = 0")
        .inFile(source).onLineContaining("maxAttempts");
    assertThat(compilation).hadErrorContaining("jitter = 2.0")
        .inFile(source).onLineContaining("jitter");
  }

  @Test
  void retryValuesAtTheEdgesOfTheirRangesCompile() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @Retry(maxAttempts = 1, initialDelayMillis = 0, multiplier = 1, maxDelayMillis = 0,",
        "      jitter = 1, maxRetryAfterMillis = 0, timeoutMillis = 1)",
        "  String summarize(String text);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }
}
