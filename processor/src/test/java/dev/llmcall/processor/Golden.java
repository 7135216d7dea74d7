package dev.llmcall.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Compares generated sources with files under {@code expected/}. With the environment variable
 * {@code GOLDEN_FILE_ROOT} set to {@code processor/src/test/resources}, a mismatch rewrites the
 * expected file (keeping any comment above its {@code package} line) instead of failing; review
 * the diff before committing it.
 */
final class Golden {
  private static final String ROOT = System.getenv("GOLDEN_FILE_ROOT");

  private Golden() {}

  static void assertGenerated(Compilation compilation, String qualifiedName, String expectedPath) {
    URL expected = Golden.class.getClassLoader().getResource(expectedPath);
    try {
      if (expected == null) {
        throw new AssertionError("no golden file " + expectedPath);
      }
      JavaFileObject golden = JavaFileObjects.forResource(expected);
      assertThat(compilation).generatedSourceFile(qualifiedName).hasSourceEquivalentTo(golden);
    } catch (AssertionError e) {
      if (ROOT == null || ROOT.isBlank()) {
        throw e;
      }
      update(root().resolve(expectedPath), generated(compilation, qualifiedName));
    }
  }

  /** The text of a generated source file. */
  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The resources folder, as given or, since Surefire runs in the module folder, relative to the
   * reactor root ({@code GOLDEN_FILE_ROOT=processor/src/test/resources}).
   */
  private static Path root() {
    for (Path candidate : List.of(Path.of(ROOT), Path.of("..").resolve(ROOT))) {
      if (Files.isDirectory(candidate.resolve("expected"))) {
        return candidate;
      }
    }
    throw new AssertionError("GOLDEN_FILE_ROOT=" + ROOT + " has no expected/ folder;"
        + " set it to processor/src/test/resources");
  }

  private static void update(Path file, String source) {
    try {
      String header = "";
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, UTF_8);
        StringBuilder kept = new StringBuilder();
        for (String line : lines) {
          if (line.startsWith("package ")) {
            break;
          }
          kept.append(line).append('\n');
        }
        header = kept.toString();
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, header + source, UTF_8);
      System.err.println("Updated golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
