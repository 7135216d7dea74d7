package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.bad;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prompt and system templates checked against the method's parameters. */
class TemplateDiagnosticsTest {

  @Test
  void unknownPlaceholderSuggestsTheNearestParameter() {
    JavaFileObject source = bad("UnknownPlaceholder");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadErrorContaining("{txt} in prompt \"Summarize: {txt}\"");
    assertThat(compilation).hadErrorContaining("did you mean 'text'?");
    // The parameter the typo meant is not reported as unused as well.
    assertThat(compilation).hadWarningCount(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{Text}           | String text, String language | did you mean 'text'?",
    "{langauge}       | String text, String language | did you mean 'language'?",
    "{topic}          | String text, String language | its parameters are text, language",
    "{text}           | ''                           | which has no parameters"
  })
  void unknownPlaceholderHint(String placeholder, String params, String hint) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Use " + placeholder + "\", system = \"{text}{language}\")",
        "  String summarize(" + params + ");",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag() + " "
            + placeholder + " in prompt")
        .inFile(source).onLineContaining("prompt =");
    assertThat(compilation).hadErrorContaining(hint);
  }

  @Test
  void unknownPlaceholderInTheMethodsSystemPrompt() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\",",
        "      system = \"Answer in {languag}\")",
        "  String summarize(String text, String language);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag())
        .inFile(source).onLineContaining("system =");
    assertThat(compilation).hadErrorContaining("did you mean 'language'?");
  }

  @Test
  void unknownPlaceholderInTheInterfaceSystemPromptIsReportedOnTheMethod() {
    JavaFileObject source = bad("UnknownSystemPlaceholder");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag())
        .inFile(source).onLine(11);
    assertThat(compilation).hadErrorContaining(
        "{language} in the @LlmClient system \"You speak {language}.\"");
  }

  @Test
  void unclosedBrace() {
    JavaFileObject source = bad("UnclosedBrace");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNCLOSED_BRACE.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadErrorContaining("'{' at index 11");
  }

  @Test
  void unopenedBrace() {
    JavaFileObject source = bad("UnopenedBrace");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNOPENED_BRACE.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadErrorContaining("'}' at index 18");
  }

  @Test
  void emptyPlaceholder() {
    JavaFileObject source = bad("EmptyPlaceholder");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.EMPTY_PLACEHOLDER.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadErrorContaining("at index 11 of system");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Summarize: { text } | '{ text }' at index 11",
    "Summarize: {a-b}    | '{a-b}' at index 11",
    "Summarize: {a, b}   | '{a, b}' at index 11",
    "Summarize: {t[0]}   | '{t[0]}' at index 11",
    "{1st}               | '{1st}' at index 0"
  })
  void placeholderThatIsNotAnIdentifier(String prompt, String message) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"" + prompt + "\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PLACEHOLDER.tag())
        .inFile(source).onLineContaining("prompt =");
    assertThat(compilation).hadErrorContaining(message);
  }

  /** #15: JSON in a prompt is the usual reason for a brace that opens no placeholder. */
  @Test
  void jsonInATemplateSuggestsDoubledBraces() {
    JavaFileObject source = bad("JsonInTemplate");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.JSON_IN_TEMPLATE.tag())
        .inFile(source).onLine(9);
    assertThat(compilation).hadErrorContaining("'{' at index 27 of prompt");
    assertThat(compilation).hadErrorContaining(
        "double its braces, as in {{\"name\": \"...\", \"born\": {{\"year\": 1}}}}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Reply as {'a': 1}   | {{'a': 1}}",
    "Reply as {[1, 2]}   | {{[1, 2]}}",
    "Reply as {a: 1}     | {{a: 1}}"
  })
  void jsonLikePlaceholders(String prompt, String suggestion) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"" + prompt + " {text}\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.JSON_IN_TEMPLATE.tag())
        .inFile(source).onLineContaining("prompt =");
    assertThat(compilation).hadErrorContaining("as in " + suggestion);
  }

  @Test
  void doubledBracesAroundJsonCompile() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Who wrote {text}? Reply as {{\\\"name\\\": \\\"...\\\"}}\")",
        "  String author(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\"Who wrote \" + text + \"? Reply as {\\\"name\\\": \\\"...\\\"}\"");
  }

  @Test
  void invalidPlaceholderFixture() {
    JavaFileObject source = bad("InvalidPlaceholder");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INVALID_PLACEHOLDER.tag())
        .inFile(source).onLine(9);
  }

  @Test
  void syntaxErrorInTheInterfaceSystemPromptIsReportedOnceOnTheInterface() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\",",
        "    system = \"You speak {language\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Translate: {text}\")",
        "  String translate(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNCLOSED_BRACE.tag())
        .inFile(source).onLineContaining("system =");
  }

  @Test
  void arrayParameterInATemplate() {
    JavaFileObject source = bad("ArrayInTemplate");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.ARRAY_IN_TEMPLATE.tag())
        .inFile(source).onLine(10);
    assertThat(compilation).hadErrorContaining("pass a List or a String");
  }

  @Test
  void unusedParameterIsAWarning() {
    JavaFileObject source = bad("UnusedParameter");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(Messages.UNUSED_PARAMETER.tag())
        .inFile(source).onLine(10);
    assertThat(compilation).hadWarningContaining("'language'");
    assertThat(compilation).generatedSourceFile("com.example.LlmUnusedParameter");
  }

  @Test
  void unusedArrayParameterIsOnlyAWarning() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text, String... tags);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(Messages.UNUSED_PARAMETER.tag())
        .inFile(source).onLineContaining("String... tags");
  }

  @Test
  void blankPrompt() {
    JavaFileObject source = bad("BlankPrompt");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_PROMPT.tag())
        .inFile(source).onLine(9);
  }

  @Test
  void emptyPrompt() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"\")",
        "  String summarize();",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_PROMPT.tag())
        .inFile(source).onLineContaining("prompt =");
  }
}
