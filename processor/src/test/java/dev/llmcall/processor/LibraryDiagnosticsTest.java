package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declarations read from class files, as from a library jar (#15): javac cannot point into
 * them, so what is wrong there is reported on the user's own interface or method, and says
 * why. Each test compiles the library first, then the client against its class files.
 */
class LibraryDiagnosticsTest {
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  @TempDir
  Path library;

  @Test
  void inheritedCallFromALibraryWithoutParameterNames() {
    compileLibrary(List.of(), JavaFileObjects.forSourceLines("com.lib.Describer",
        "package com.lib;",
        "import dev.llmcall.annotations.LlmCall;",
        "public interface Describer {",
        "  @LlmCall(prompt = \"Describe {topic} in {language}\")",
        "  String describe(String topic, String language);",
        "}"));
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends com.lib.Describer {}");
    Compilation compilation = compileAgainstLibrary(client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.PARAMETER_NAMES_MISSING.tag()
            + " Describer.describe comes from a class file compiled without parameter names"
            + " (its parameters are called arg0, arg1), so {topic} in its prompt names no"
            + " parameter; compile Describer with javac -parameters, or redeclare describe in"
            + " Assistant")
        .inFile(client).onLineContaining("public interface Assistant");
  }

  @Test
  void inheritedCallFromALibraryWithParameterNamesWorks() {
    compileLibrary(List.of("-parameters"), JavaFileObjects.forSourceLines("com.lib.Describer",
        "package com.lib;",
        "import dev.llmcall.annotations.LlmCall;",
        "public interface Describer {",
        "  @LlmCall(prompt = \"Describe {topic}\")",
        "  String describe(String topic);",
        "}"));
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends com.lib.Describer {}");
    Compilation compilation = compileAgainstLibrary(client);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("public String describe(String topic) {");
  }

  @Test
  void otherProblemsOfAnInheritedLibraryCallLandOnTheInterface() {
    compileLibrary(List.of("-parameters"), JavaFileObjects.forSourceLines("com.lib.Describer",
        "package com.lib;",
        "import dev.llmcall.annotations.LlmCall;",
        "public interface Describer {",
        "  @LlmCall(prompt = \"Describe {topc}\", maxTokens = -5)",
        "  String describe(String topic);",
        "}"));
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends com.lib.Describer {}");
    Compilation compilation = compileAgainstLibrary(client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag())
        .inFile(client).onLineContaining("public interface Assistant");
    assertThat(compilation).hadErrorContaining(Messages.NEGATIVE_MAX_TOKENS.tag())
        .inFile(client).onLineContaining("public interface Assistant");
    assertThat(compilation).hadErrorContaining(
        "(declared in Describer.describe, which was read from a class file)");
  }

  @Test
  void problemInALibraryRecordLandsOnTheMethodThatUsesIt() {
    compileLibrary(List.of(), JavaFileObjects.forSourceLines("com.lib.Person",
        "package com.lib;",
        "public record Person(String name, Object payload) {}"));
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  com.lib.Person person(String text);",
        "}");
    Compilation compilation = compileAgainstLibrary(client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag()
            + " Component 'payload' of record Person has type Object")
        .inFile(client).onLineContaining("com.lib.Person person(String text);");
    assertThat(compilation).hadErrorContaining(
        "(declared in Person, which was read from a class file)");
  }

  @Test
  void libraryRecordsWork() {
    compileLibrary(List.of(), JavaFileObjects.forSourceLines("com.lib.Person",
        "package com.lib;",
        "public record Person(String name, java.util.List<Mood> moods) {",
        "  public enum Mood { HAPPY, SAD }",
        "}"));
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  com.lib.Person person(String text);",
        "  @LlmCall(prompt = \"Greet {person}\")",
        "  String greet(com.lib.Person person);",
        "}");
    assertThat(compileAgainstLibrary(client)).succeededWithoutWarnings();
  }

  /** Compiles {@code sources} without any processor into {@link #library}. */
  private void compileLibrary(List<String> options, JavaFileObject... sources) {
    Compilation compilation = javac().withOptions(options).compile(sources);
    assertThat(compilation).succeeded();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (file.getKind() == JavaFileObject.Kind.CLASS && path.contains(CLASS_OUTPUT)) {
        Path target = library.resolve(path.substring(path.indexOf(CLASS_OUTPUT)
            + CLASS_OUTPUT.length()));
        try (InputStream in = file.openInputStream()) {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Compiles {@code sources} with the processor, the library's classes on the class path. */
  private Compilation compileAgainstLibrary(JavaFileObject... sources) {
    List<File> classpath = new ArrayList<>();
    classpath.add(library.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(processor)
        .withClasspath(classpath)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    return compilation;
  }
}
