package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One golden file per shape of generated class (house style rule 18). Inputs are in
 * {@code good/<case>/}, expected outputs in {@code expected/<case>/}.
 */
class GoldenTest {

  @Test
  void assistantFromTheDesign() {
    golden("assistant", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void plainStringMethodWithoutLlmClient() {
    golden("plain", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void responseWithInterfaceSystemMaxTokensAndTemperature() {
    golden("response", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void completableFutureOfTextAndOfResponse() {
    golden("async", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void retryAndCircuitBreakerOnMethodAndInterface() {
    golden("resilience", "Assistant", "com.example.LlmAssistant");
  }

  /** #13: a chain on the interface, and a method's own with a larger-context target. */
  @Test
  void fallbackChainsOnMethodAndInterface() {
    golden("fallback", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void streamingShapesWithResumeStreamOnMethodAndInterface() {
    golden("streaming", "Storyteller", "com.example.LlmStoryteller");
  }

  @Test
  void nestedInterface() {
    golden("nested", "Outer", "com.example.LlmOuter_Inner");
  }

  @Test
  void overloadsGetNumberedNames() {
    golden("overloads", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void templates() {
    golden("templates", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void inheritedMethodsAreImplemented() {
    golden("inherited", "Assistant", "com.example.LlmAssistant", "Base");
  }

  /** #15: type arguments of a generic super-interface are substituted. */
  @Test
  void methodsOfAGenericSuperInterface() {
    golden("generic", "TicketClassifier", "com.example.LlmTicketClassifier", "Classifier");
  }

  @Test
  void defaultAndStaticMethodsAreLeftAlone() {
    golden("defaults", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void structuredResultsInEveryReturnShape() {
    golden("structured", "Assistant", "com.example.LlmAssistant");
  }

  @Test
  void schemasOfEveryStructuredType() {
    golden("schemas", "Catalog", "com.example.LlmCatalog");
  }

  @Test
  void recordAndCollectionParametersRenderAsJson() {
    golden("jsonparams", "Shop", "com.example.LlmShop");
  }

  /** #12: history, every kind of image, a tool set with every shape of return. */
  @Test
  void conversationImagesAndTools() {
    golden("conversation", "Assistant", "com.example.LlmAssistant");
  }

  private static void golden(String shape, String input, String generated, String... others) {
    LlmClientProcessor processor = new LlmClientProcessor();
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(JavaFileObjects.forResource("good/" + shape + "/" + input + ".java"));
    for (String other : others) {
      sources.add(JavaFileObjects.forResource("good/" + shape + "/" + other + ".java"));
    }
    Compilation compilation = javac()
        .withProcessors(processor)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).succeededWithoutWarnings();
    String simpleName = generated.substring(generated.lastIndexOf('.') + 1);
    Golden.assertGenerated(
        compilation, generated, "expected/" + shape + "/" + simpleName + ".java");
  }
}
