package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.good;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The index entries a container reads to find generated clients without scanning (#14): one
 * resource per client, so the processor stays isolating for incremental builds.
 */
class ClientIndexTest {

  @Test
  void eachClientGetsItsOwnEntryNamingInterfaceAndImplementation() {
    Compilation compilation = compile(good("plain/Assistant"), good("nested/Outer"));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "",
            "META-INF/llmcall/clients/com.example.Assistant")
        .contentsAsUtf8String()
        .isEqualTo("com.example.Assistant=com.example.LlmAssistant\n");
    // Binary names, which ClassLoader.loadClass takes as they are.
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "",
            "META-INF/llmcall/clients/com.example.Outer$Inner")
        .contentsAsUtf8String()
        .isEqualTo("com.example.Outer$Inner=com.example.LlmOuter_Inner\n");
    assertThat(indexEntries(compilation)).hasSize(2);
  }

  @Test
  void packagePrivateClientIsIndexedToo() {
    Compilation compilation = compile(source("Helper",
        "interface Helper {",
        "  @LlmCall(provider = \"openai\", model = \"gpt-4o-mini\", prompt = \"Hi {name}\")",
        "  String greet(String name);",
        "}"));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "",
            "META-INF/llmcall/clients/com.example.Helper")
        .contentsAsUtf8String()
        .isEqualTo("com.example.Helper=com.example.LlmHelper\n");
  }

  /**
   * Not final (#14): Spring's class-based proxies (its default in Spring Boot) subclass the bean's
   * class for {@code @Cacheable}, {@code @Transactional} or an aspect.
   */
  @Test
  void generatedClassIsNotFinal() {
    Compilation compilation = compile(good("plain/Assistant"));
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\npublic class LlmAssistant implements Assistant {");
  }

  private static List<String> indexEntries(Compilation compilation) {
    return compilation.generatedFiles().stream()
        .map(JavaFileObject::getName)
        .filter(name -> name.contains("META-INF/llmcall/clients/"))
        .collect(Collectors.toList());
  }
}
