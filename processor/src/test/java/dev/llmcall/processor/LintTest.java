package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Under {@code -Xlint:all -Werror} a user's build stays quiet (issue 15): the processor claims
 * its annotations (and the {@code @Generated} it writes), so javac never says that no processor
 * claimed them, and generated code does not warn about what the user deprecated or suppressed.
 */
class LintTest {

  private static Compilation compileStrictly(JavaFileObject... sources) {
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(processor)
        .withOptions("-Xlint:all", "-Werror")
        .compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    return compilation;
  }

  @Test
  void everyAnnotationIsClaimedSoLintProcessingIsQuiet() {
    Compilation compilation = compileStrictly(JavaFileObjects.forSourceLines(
        "com.example.Assistant",
        "package com.example;",
        "import dev.llmcall.annotations.CircuitBreaker;",
        "import dev.llmcall.annotations.Description;",
        "import dev.llmcall.annotations.LlmCall;",
        "import dev.llmcall.annotations.LlmClient;",
        "import dev.llmcall.annotations.Retry;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(policy = \"default\")",
        "public interface Assistant {",
        "  @Description(\"A person\")",
        "  record Person(@Description(\"Full name\") String name) {}",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @CircuitBreaker(provider = \"openai\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Person person(String text);",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("@Generated(\"dev.llmcall.processor.LlmClientProcessor\")");
  }

  @Test
  void deprecatedInterfaceMethodsAndRecordsAndSuppressedRawTypesGiveNoWarning() {
    Compilation compilation = compileStrictly(JavaFileObjects.forSourceLines("com.example.Legacy",
        "package com.example;",
        "import dev.llmcall.annotations.LlmCall;",
        "import dev.llmcall.annotations.LlmClient;",
        "import dev.llmcall.runtime.LlmResponse;",
        "import java.util.List;",
        "import java.util.concurrent.CompletableFuture;",
        "/** Legacy. @deprecated use something else */",
        "@Deprecated",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Legacy {",
        "  /** A person. @deprecated going away */",
        "  @Deprecated(forRemoval = true)",
        "  record Person(String name, List<String> emails) {}",
        "  /** A mood. @deprecated use words */",
        "  @Deprecated",
        "  enum Mood { HAPPY, SAD }",
        "  /** Summary. @deprecated use another */",
        "  @Deprecated",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @SuppressWarnings(\"removal\")",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Person person(String text);",
        "  @SuppressWarnings(\"removal\")",
        "  @LlmCall(prompt = \"Greet {person}\")",
        "  CompletableFuture<LlmResponse<String>> greet(Person person);",
        "  @SuppressWarnings(\"deprecation\")",
        "  @LlmCall(prompt = \"Mood of {text}\")",
        "  List<Mood> moods(String text);",
        "  @SuppressWarnings(\"rawtypes\")",
        "  @LlmCall(prompt = \"Items: {items}\")",
        "  String items(List items);",
        "  @SuppressWarnings(\"rawtypes\")",
        "  @LlmCall(prompt = \"Nested: {items}\")",
        "  String nested(List<? extends List> items);",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmLegacy"))
        .contains("@SuppressWarnings({\"deprecation\", \"removal\", \"rawtypes\", \"unchecked\"})");
  }

  /** #12: tool definitions, dispatchers and requests compile quietly too. */
  @Test
  void historyImagesAndToolsGiveNoWarning() {
    Compilation compilation =
        compileStrictly(JavaFileObjects.forResource("good/conversation/Assistant.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("dispatchWeather(weather, name, node, v)");
  }

  @Test
  void aForeignGeneratedAnnotationIsNotClaimed() {
    // Another tool's @Generated class in the same compile: the processor claims only its own, so
    // javac's usual -Xlint:processing warning about that one still comes (as a warning).
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(processor)
        .withOptions("-Xlint:processing")
        .compile(JavaFileObjects.forSourceLines("com.example.Other",
            "package com.example;",
            "@javax.annotation.processing.Generated(\"some.other.Tool\")",
            "public class Other {}"));
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("javax.annotation.processing.Generated");
  }
}
