package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
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
    String[] all = new String[lines.length + 7];
    all[0] = "package com.example;";
    all[1] = "import dev.llmcall.annotations.CircuitBreaker;";
    all[2] = "import dev.llmcall.annotations.LlmCall;";
    all[3] = "import dev.llmcall.annotations.LlmClient;";
    all[4] = "import dev.llmcall.annotations.Retry;";
    all[5] = "import dev.llmcall.runtime.LlmResponse;";
    all[6] = "import java.util.concurrent.CompletableFuture;";
    System.arraycopy(lines, 0, all, 7, lines.length);
    return JavaFileObjects.forSourceLines("com.example." + simpleName, all);
  }
}
