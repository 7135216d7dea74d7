package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor is declared to Gradle as isolating (issue 15), which holds only if every file it
 * generates has exactly one originating element: the interface it implements.
 */
class GradleIncrementalTest {

  @Test
  void declaredIsolating() throws IOException {
    try (InputStream in = LlmClientProcessor.class.getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), UTF_8).strip())
          .isEqualTo(LlmClientProcessor.class.getName() + ",isolating");
    }
  }

  @Test
  void eachGeneratedFileOriginatesFromItsInterfaceAlone() {
    List<JavaFile> written = new ArrayList<>();
    LlmClientProcessor processor = new LlmClientProcessor(model -> {
      JavaFile file = ClientImplWriter.write(model);
      written.add(file);
      return file;
    });
    List<JavaFileObject> sources = List.of(
        JavaFileObjects.forResource("good/inherited/Assistant.java"),
        JavaFileObjects.forResource("good/inherited/Base.java"),
        JavaFileObjects.forResource("good/nested/Outer.java"),
        JavaFileObjects.forResource("good/jsonparams/Shop.java"),
        JavaFileObjects.forResource("good/schemas/Catalog.java"));
    Compilation compilation = javac().withProcessors(processor).compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).succeeded();
    assertThat(written).isNotEmpty();
    for (JavaFile file : written) {
      List<Element> origins = file.typeSpec().originatingElements();
      assertThat(origins).hasSize(1);
      TypeElement origin = (TypeElement) origins.get(0);
      assertThat(file.typeSpec().superinterfaces().toString())
          .contains(origin.getQualifiedName().toString());
    }
  }
}
