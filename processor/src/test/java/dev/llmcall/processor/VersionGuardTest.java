package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.spi.RuntimeVersion;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor refuses, with one error naming both versions, to write code for an
 * llmcall-runtime of another version than its own (issue 15).
 */
class VersionGuardTest {
  private static final JavaFileObject ASSISTANT = JavaFileObjects.forSourceLines(
      "com.example.Assistant",
      "package com.example;",
      "import dev.llmcall.annotations.LlmCall;",
      "import dev.llmcall.annotations.LlmClient;",
      "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
      "public interface Assistant {",
      "  @LlmCall(prompt = \"Summarize: {text}\")",
      "  String summarize(String text);",
      "}");

  private static Compilation compile(List<File> classPath, JavaFileObject... sources) {
    LlmClientProcessor processor = new LlmClientProcessor();
    var compiler = javac().withProcessors(processor).withOptions("-Xlint:all,-processing");
    Compilation compilation = classPath == null
        ? compiler.compile(sources)
        : compiler.withClasspath(classPath).compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    return compilation;
  }

  private static File annotationsOnly() {
    try {
      return new File(LlmClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theBuildGivesProcessorAndRuntimeTheSameVersion() {
    assertThat(VersionGuard.PROCESSOR_VERSION).isEqualTo(RuntimeVersion.VERSION);
    assertThat(VersionGuard.PROCESSOR_VERSION).doesNotContain("${");
    assertThat(compile(null, ASSISTANT)).succeededWithoutWarnings();
  }

  @Test
  void anotherRuntimeVersionIsOneErrorNamingBothVersions() {
    JavaFileObject otherRuntime = JavaFileObjects.forSourceLines(
        "dev.llmcall.runtime.spi.RuntimeVersion",
        "package dev.llmcall.runtime.spi;",
        "public final class RuntimeVersion {",
        "  public static final String VERSION = \"0.0.1-other\";",
        "}");
    Compilation compilation = compile(null, otherRuntime, ASSISTANT);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.VERSION_MISMATCH.tag())
        .inFile(ASSISTANT).onLineContaining("interface Assistant");
    assertThat(compilation).hadErrorContaining("llmcall-processor " + VersionGuard.PROCESSOR_VERSION
        + " cannot write code for llmcall-runtime 0.0.1-other");
  }

  @Test
  void aRuntimeFromBeforeTheGuardIsOneError() {
    JavaFileObject oldRuntime = JavaFileObjects.forSourceLines("dev.llmcall.runtime.LlmRuntime",
        "package dev.llmcall.runtime;",
        "public final class LlmRuntime {}");
    Compilation compilation = compile(List.of(annotationsOnly()), oldRuntime, ASSISTANT);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.RUNTIME_TOO_OLD.tag())
        .inFile(ASSISTANT).onLineContaining("interface Assistant");
  }

  @Test
  void noRuntimeOnTheClassPathIsOneErrorSayingWhatToAdd() {
    Compilation compilation = compile(List.of(annotationsOnly()), ASSISTANT);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.RUNTIME_MISSING.tag())
        .inFile(ASSISTANT).onLineContaining("interface Assistant");
    assertThat(compilation).hadErrorContaining(
        "add the dependency dev.llmcall:llmcall-runtime:" + VersionGuard.PROCESSOR_VERSION);
  }
}
