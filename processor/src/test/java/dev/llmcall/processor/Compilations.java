package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Runs javac with a fresh processor and checks that this very processor did not crash. */
final class Compilations {

  private Compilations() {}

  /** Compiles with lint on, so that tests see javac's warnings about generated code too. */
  static Compilation compile(JavaFileObject... sources) {
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(processor)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    return compilation;
  }

  /** A fixture under {@code bad/}. */
  static JavaFileObject bad(String name) {
    return JavaFileObjects.forResource("bad/" + name + ".java");
  }

  /** A fixture under {@code good/}. */
  static JavaFileObject good(String path) {
    return JavaFileObjects.forResource("good/" + path + ".java");
  }

  /** An inline source in package {@code com.example}. */
  static JavaFileObject source(String simpleName, String... lines) {
    List<String> all = new ArrayList<>(List.of(
        "package com.example;",
        "import dev.llmcall.annotations.CircuitBreaker;",
        "import dev.llmcall.annotations.Fallback;",
        "import dev.llmcall.annotations.Hedge;",
        "import dev.llmcall.annotations.LlmCall;",
        "import dev.llmcall.annotations.LlmClient;",
        "import dev.llmcall.annotations.Retry;",
        "import dev.llmcall.runtime.LlmResponse;",
        "import dev.llmcall.runtime.LlmStream;",
        "import java.util.concurrent.CompletableFuture;",
        "import java.util.concurrent.Flow;",
        "import java.util.stream.Stream;"));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("com.example." + simpleName, all);
  }
}
