package dev.llmcall.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** #13: a {@code @Fallback} chain is checked as {@code provider} and {@code model} are. */
class FallbackDiagnosticsTest {

  private static JavaFileObject chat(String... fallback) {
    String[] lines = new String[fallback.length + 5];
    lines[0] = "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")";
    lines[1] = "public interface Assistant {";
    lines[2] = "  @LlmCall(prompt = \"Answer: {question}\")";
    System.arraycopy(fallback, 0, lines, 3, fallback.length);
    lines[fallback.length + 3] = "  String chat(String question);";
    lines[fallback.length + 4] = "}";
    return source("Assistant", lines);
  }

  @Test
  void aPlausibleChainCompilesWithoutWarnings() {
    assertThat(compile(chat(
        "  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"anthropic\", model = \"claude-sonnet-4-5\"),",
        "      @Fallback.Target(provider = \"openai\", model = \"gpt-4.1\", largerContext = true)},",
        "      on = {Fallback.On.SERVER_ERROR, Fallback.On.CONTEXT_LENGTH})")))
        .succeededWithoutWarnings();
  }

  @Test
  void anEmptyChainIsAnError() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\",", "      to = {})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.EMPTY_FALLBACK.tag())
        .inFile(source).onLineContaining("to = {}");
  }

  @Test
  void aBlankNameIsAnError() {
    JavaFileObject source = chat("  @Fallback(name = \" \",",
        "      to = @Fallback.Target(provider = \"anthropic\", model = \"claude-sonnet-4-5\"))");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_FALLBACK_NAME.tag())
        .inFile(source).onLineContaining("name = \" \"");
  }

  @Test
  void aBlankModelIsAnErrorOnItsTarget() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"anthropic\", model = \"claude-sonnet-4-5\"),",
        "      @Fallback.Target(provider = \"xai\", model = \"\")})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_FALLBACK_MODEL.tag())
        .inFile(source).onLineContaining("provider = \"xai\"");
  }

  @Test
  void anInvalidProviderIsAnErrorOnItsTarget() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"open/ai\", model = \"gpt-4o\")})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLineContaining("open/ai");
  }

  @Test
  void aProviderTypoIsAWarningOnItsTarget() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"antropic\", model = \"claude-sonnet-4-5\")})");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(Messages.PROVIDER_TYPO.tag())
        .inFile(source).onLineContaining("antropic");
    assertThat(compilation).hadWarningContaining("did you mean \"anthropic\"?");
  }

  @Test
  void aTargetListedTwiceIsAnErrorOnTheSecond() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"anthropic\", model = \"claude-sonnet-4-5\"),",
        "      @Fallback.Target(provider = \"xai\", model = \"grok-4\"),",
        "      @Fallback.Target(model = \"claude-sonnet-4-5\", provider = \"anthropic\")})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.DUPLICATE_FALLBACK_TARGET.tag())
        .inFile(source).onLineContaining("@Fallback.Target(model =");
  }

  @Test
  void aTargetEqualToTheMethodsOwnIsAnError() {
    JavaFileObject source = chat("  @Fallback(name = \"chat\", to = {",
        "      @Fallback.Target(provider = \"anthropic\", model = \"claude-sonnet-4-5\"),",
        "      @Fallback.Target(provider = \"openai\", model = \"gpt-4o-mini\")})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.FALLBACK_TARGET_IS_PRIMARY.tag())
        .inFile(source).onLineContaining("model = \"gpt-4o-mini\")})");
  }

  /** The interface's chain is fine for one method and names the own target of another. */
  @Test
  void anInterfaceChainNamingAMethodsOwnTargetIsReportedOnThatMethod() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Fallback(name = \"all\", to = @Fallback.Target(provider = \"anthropic\", model = \"claude-haiku-4-5\"))",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Answer: {question}\")",
        "  String chat(String question);",
        "  @LlmCall(prompt = \"Tag: {text}\", provider = \"anthropic\", model = \"claude-haiku-4-5\")",
        "  String tag(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.FALLBACK_TARGET_IS_PRIMARY.tag())
        .inFile(source).onLineContaining("String tag(");
  }

  @Test
  void everyProblemOfAChainIsReportedInOneCompile() {
    JavaFileObject source = chat("  @Fallback(name = \"\", to = {",
        "      @Fallback.Target(provider = \"open ai\", model = \"gpt-4o\"),",
        "      @Fallback.Target(provider = \"anthropic\", model = \" \")})");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_FALLBACK_NAME.tag());
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PROVIDER.tag())
        .inFile(source).onLineContaining("open ai");
    assertThat(compilation).hadErrorContaining(Messages.BLANK_FALLBACK_MODEL.tag())
        .inFile(source).onLineContaining("model = \" \"");
  }
}
