package dev.llmcall.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.bad;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Types the generated class, top-level in the client's package, cannot name are reported by the
 * processor on the method, not left to javac inside generated code (#15).
 */
class AccessibilityDiagnosticsTest {

  @Test
  void privateNestedRecordAndEnumResults() {
    JavaFileObject source = bad("PrivateResultType");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_TYPE.tag()
            + " @LlmCall method PrivateResultType.Assistant.person uses PrivateResultType.Person,"
            + " which is private, so LlmPrivateResultType_Assistant in package com.example"
            + " cannot refer to it; make Person at least package-private")
        .inFile(source).onLine(14);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_TYPE.tag()
            + " @LlmCall method PrivateResultType.Assistant.moods uses PrivateResultType.Mood")
        .inFile(source).onLine(17);
  }

  @Test
  void privateTypeInsideAPublicRecordParameter() {
    JavaFileObject source = source("Outer",
        "public class Outer {",
        "  private enum Secret { A }",
        "  public record Note(String text, Secret secret) {}",
        "  @LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "  interface Assistant {",
        "    @LlmCall(prompt = \"Read {note}\")",
        "    String read(Note note);",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
            "Outer.Assistant.read uses Outer.Secret, which is private")
        .inFile(source).onLineContaining("String read(Note note);");
  }

  /** #12: the generated dispatcher names the types of the tools' parameters and results. */
  @Test
  void privateTypeOfATool() {
    JavaFileObject source = source("Outer",
        "import dev.llmcall.annotations.Tool;",
        "public class Outer {",
        "  private record Entry(String key) {}",
        "  public interface Store {",
        "    @Tool(\"Saves an entry\")",
        "    void save(Entry entry);",
        "  }",
        "  @LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "  interface Assistant {",
        "    @LlmCall(prompt = \"{question}\")",
        "    String ask(String question, Store store);",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
            "Outer.Assistant.ask uses Outer.Entry, which is private")
        .inFile(source).onLineContaining("String ask(String question, Store store);");
  }

  @Test
  void typeNestedInAPrivateClass() {
    JavaFileObject source = source("Outer",
        "public class Outer {",
        "  private static class Hidden {",
        "    record Person(String name) {}",
        "  }",
        "  @LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "  interface Assistant {",
        "    @LlmCall(prompt = \"Who is {name}?\")",
        "    String describe(java.util.List<Hidden.Person> name);",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
            "uses Outer.Hidden.Person, which is nested in Hidden, which is private")
        .inFile(source).onLineContaining("String describe(");
  }

  @Test
  void packagePrivateTypeFromAnotherPackageIsReportedOnTheClient() {
    JavaFileObject base = JavaFileObjects.forSourceLines("com.other.Base",
        "package com.other;",
        "import dev.llmcall.annotations.LlmCall;",
        "public interface Base {",
        "  @LlmCall(prompt = \"Who is in {text}\", provider = \"openai\", model = \"gpt-4o-mini\")",
        "  Person person(String text);",
        "}",
        "record Person(String name) {}");
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends com.other.Base {}");
    Compilation compilation = compile(base, client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_TYPE.tag()
            + " @LlmCall method Base.person uses Person, which is package-private in"
            + " com.other, so LlmAssistant in package com.example cannot refer to it;"
            + " make Person public")
        .inFile(client).onLineContaining("public interface Assistant");
  }

  @Test
  void packagePrivateTypesOfTheSamePackageAreFine() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Person person(String text);",
        "}");
    JavaFileObject person = source("Person", "record Person(String name, Mood mood) {}");
    JavaFileObject mood = source("Mood", "enum Mood { HAPPY }");
    assertThat(compile(source, person, mood)).succeededWithoutWarnings();
  }

  /** Recovery: the new checks carry on, so independent problems are all reported at once. */
  @Test
  void independentNewProblemsAreAllReported() {
    JavaFileObject source = source("Outer",
        "public class Outer {",
        "  private record Person(String name) {}",
        "  enum Nothing {}",
        "  @LlmClient(provider = \"anthropc\", model = \"claude-sonnet-4-5\")",
        "  interface Assistant {",
        "    @LlmCall(prompt = \"Who is in: {text}\")",
        "    Person person(String text);",
        "    @LlmCall(prompt = \"Reply as {\\\"name\\\": 1} to {text}\")",
        "    String reply(String text);",
        "    @LlmCall(prompt = \"Label {text}\")",
        "    Nothing label(String text);",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_TYPE.tag())
        .inFile(source).onLineContaining("Person person(String text);");
    assertThat(compilation).hadErrorContaining(Messages.JSON_IN_TEMPLATE.tag())
        .inFile(source).onLineContaining("Reply as");
    assertThat(compilation).hadErrorContaining(Messages.EMPTY_ENUM.tag())
        .inFile(source).onLineContaining("Nothing label(String text);");
    assertThat(compilation).hadWarningContaining(Messages.PROVIDER_TYPO.tag())
        .inFile(source).onLineContaining("@LlmClient");
  }
}
