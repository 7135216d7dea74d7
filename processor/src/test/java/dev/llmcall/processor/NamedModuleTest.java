package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmRuntime;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code compiles in a named module that requires only {@code dev.llmcall.runtime} (plus
 * {@code requires static dev.llmcall.annotations} for the user's own annotations), with
 * {@code -Xlint:all -Werror} and the jars on the module path (issue 15). {@code @Generated} lives
 * in java.compiler, which such a module does not read, so it is left out there.
 */
class NamedModuleTest {
  @TempDir Path dir;

  private static final List<String> ASSISTANT = List.of(
      "package com.example.demo;",
      "import dev.llmcall.annotations.CircuitBreaker;",
      "import dev.llmcall.annotations.LlmCall;",
      "import dev.llmcall.annotations.LlmClient;",
      "import dev.llmcall.annotations.Retry;",
      "import dev.llmcall.runtime.LlmResponse;",
      "import dev.llmcall.runtime.LlmStream;",
      "import java.util.List;",
      "import java.util.concurrent.CompletableFuture;",
      "import java.util.concurrent.Flow;",
      "import java.util.stream.Stream;",
      "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
      "public interface Assistant {",
      "  record Person(String name, List<String> emails) {}",
      "  @LlmCall(prompt = \"Summarize: {text}\")",
      "  @Retry(policy = \"high-availability\")",
      "  @CircuitBreaker(provider = \"openai\")",
      "  String summarize(String text);",
      "  @LlmCall(prompt = \"Who is in {text}\")",
      "  LlmResponse<List<Person>> people(String text);",
      "  @LlmCall(prompt = \"Greet {person}\")",
      "  CompletableFuture<String> greet(Person person);",
      "  @LlmCall(prompt = \"A story about {topic}\")",
      "  Stream<String> story(String topic);",
      "  @LlmCall(prompt = \"A poem about {topic}\")",
      "  Flow.Publisher<String> poem(String topic);",
      "  @LlmCall(prompt = \"A song about {topic}\")",
      "  LlmStream song(String topic);",
      "}");

  @Test
  void compilesWithOnlyRequiresRuntimeAndLeavesOutGenerated() throws IOException {
    String generated = compile("requires dev.llmcall.runtime;",
        "requires static dev.llmcall.annotations;");
    assertThat(generated).doesNotContain("javax.annotation.processing.Generated");
    assertThat(generated).contains("public class LlmAssistant implements Assistant");
  }

  @Test
  void aModuleThatReadsJavaCompilerGetsGenerated() throws IOException {
    String generated = compile("requires dev.llmcall.runtime;",
        "requires static dev.llmcall.annotations;", "requires static java.compiler;");
    assertThat(generated).contains("@Generated(\"dev.llmcall.processor.LlmClientProcessor\")");
  }

  @Test
  void withoutRequiresRuntimeOneErrorSaysWhichLineToAdd() throws IOException {
    List<String> messages = compileFailing(List.of(
        "package com.example.demo;",
        "import dev.llmcall.annotations.LlmCall;",
        "import dev.llmcall.annotations.LlmClient;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}"), "requires static dev.llmcall.annotations;");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).contains(Messages.RUNTIME_NOT_READ.tag());
    assertThat(messages.get(0)).contains(
        "Module demo does not read dev.llmcall.runtime, which the code llmcall-processor "
            + VersionGuard.PROCESSOR_VERSION + " writes uses; add 'requires dev.llmcall.runtime;'");
  }

  /** Compiles module {@code demo} with these directives; returns the generated client's text. */
  private String compile(String... requires) throws IOException {
    Result result = run(ASSISTANT, requires);
    assertThat(result.messages()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(Files.exists(dir.resolve("out/com/example/demo/LlmAssistant.class"))).isTrue();
    return Files.readString(dir.resolve("gen/com/example/demo/LlmAssistant.java"));
  }

  /** Compiles module {@code demo}, which must fail; returns javac's errors and warnings. */
  private List<String> compileFailing(List<String> assistant, String... requires)
      throws IOException {
    Result result = run(assistant, requires);
    assertThat(result.ok()).isFalse();
    return result.messages();
  }

  private record Result(boolean ok, List<String> messages) {}

  private Result run(List<String> assistant, String... requires) throws IOException {
    Path src = dir.resolve("src");
    Path pkg = Files.createDirectories(src.resolve("com/example/demo"));
    Files.write(src.resolve("module-info.java"), List.of(
        "module demo {", "  " + String.join("\n  ", requires), "}"), UTF_8);
    Files.write(pkg.resolve("Assistant.java"), assistant, UTF_8);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path gen = Files.createDirectories(dir.resolve("gen"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8);
        Stream<Path> sources = Files.walk(src)) {
      List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror",
          "--module-path", modulePath(), "-d", out.toString(), "-s", gen.toString());
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources.filter(p -> p.toString().endsWith(".java"))
              .toList()));
      LlmClientProcessor processor = new LlmClientProcessor();
      task.setProcessors(List.of(processor));
      boolean ok = task.call();
      assertThat(processor.exceptionStacks()).isEmpty();
      return new Result(ok, diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
          .map(d -> d.getKind() + ": " + d.getMessage(null))
          .toList());
    }
  }

  /** The runtime, the annotations and Jackson, as jars or class folders on this test's path. */
  private static String modulePath() {
    return Stream.of(LlmRuntime.class, LlmClient.class, ObjectMapper.class, JsonParser.class,
            JsonProperty.class)
        .map(NamedModuleTest::location)
        .distinct()
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
