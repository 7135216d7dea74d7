package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.good;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Properties of the generated code beyond its exact shape, which the goldens pin. */
class GeneratedCodeTest {

  @Test
  void sameInputGivesByteIdenticalOutput() {
    Compilation first = compile(good("assistant/Assistant"));
    Compilation second = compile(good("assistant/Assistant"));
    assertThat(first).succeededWithoutWarnings();
    assertThat(Golden.generated(second, "com.example.LlmAssistant"))
        .isEqualTo(Golden.generated(first, "com.example.LlmAssistant"));
  }

  @Test
  void generatedCodeHasNoDateAndNamesTheProcessor() {
    String generated = Golden.generated(
        compile(good("assistant/Assistant")), "com.example.LlmAssistant");
    assertThat(generated)
        .contains("@Generated(\"dev.llmcall.processor.LlmClientProcessor\")\npublic class");
    assertThat(generated).doesNotContainMatch("date\\s*=");
  }

  @Test
  void processorIsRegisteredAsAService() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(p -> p.type().getName()))
        .contains(LlmClientProcessor.class.getName());
    assertThat(new LlmClientProcessor().getSupportedSourceVersion())
        .isEqualTo(SourceVersion.latestSupported());
  }

  @Test
  void packagePrivateInterfaceGetsAPackagePrivateClass() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\nclass LlmAssistant implements Assistant {");
  }

  @Test
  void interfaceWithoutMethods() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.LlmAssistant");
  }

  @Test
  void parametersCannotHideFieldsOrTypes() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"{String} {Objects} {summarize}\")",
        "  String summarize(int String, String Objects, String summarize);",
        "  @LlmCall(prompt = \"{runtime}\")",
        "  String create(String runtime);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated)
        .contains("java.util.Objects.requireNonNull(Objects, \"Objects == null\")");
    assertThat(generated).contains("java.lang.String.valueOf(String) + ");
    assertThat(generated).contains("return this.summarize.text(");
  }

  /**
   * #12: parameters called like the dispatcher lambda's parameters or the runtime types of a
   * request, and a tool's parameters called like the dispatcher's, are renamed or qualified.
   */
  @Test
  void parametersCannotHideRequestNamesNorToolArguments() {
    JavaFileObject source = source("Assistant",
        "import dev.llmcall.annotations.ImageInput;",
        "import dev.llmcall.annotations.Tool;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  interface Store {",
        "    @Tool(\"Saves a value\")",
        "    void save(String tools, String name, int node, boolean v, String JsonFields);",
        "  }",
        "  @LlmCall(prompt = \"{name} {node} {Request}\")",
        "  String ask(String name, String node, String Request,",
        "      @ImageInput(mediaType = \"image/png\") byte[] Image, Store v);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated).contains(
        "dev.llmcall.runtime.spi.Request.of(null, name + \" \" + node + \" \" + Request)");
    assertThat(generated).contains(".image(dev.llmcall.runtime.Image.of(Image, \"image/png\"))");
    assertThat(generated).contains("(name_, node_, v_) -> dispatchStore(v, name_, node_, v_)");
    assertThat(generated).contains("tools.save(tools_, name_, node_, v_, JsonFields_)");
  }

  @Test
  void memberTypesOfTheInterfaceCannotHideImports() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Objects(String value) {}",
        "  interface CallSite {}",
        "  @LlmCall(prompt = \"Summarize: {text} {objects}\")",
        "  String summarize(String text, Objects objects);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void typeUseNullableIsKeptAndNotChecked() {
    JavaFileObject nullable = JavaFileObjects.forSourceLines("com.example.Nullable",
        "package com.example;",
        "import java.lang.annotation.ElementType;",
        "import java.lang.annotation.Target;",
        "@Target(ElementType.TYPE_USE)",
        "public @interface Nullable {}");
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\", system = \"{context}\")",
        "  String summarize(String text, @Nullable String context);",
        "}");
    Compilation compilation = compile(source, nullable);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated).contains("@Nullable String context");
    assertThat(generated).doesNotContain("requireNonNull(context");
  }

  @Test
  void varargsStayVarargs() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text, String... unused);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("String... unused");
  }

  @Test
  void sameMethodFromTwoSuperInterfacesIsImplementedOnceWithItsLlmCall() {
    JavaFileObject plain = JavaFileObjects.forSourceLines("com.example.Plain",
        "package com.example;",
        "public interface Plain {",
        "  String summarize(String text);",
        "}");
    JavaFileObject annotated = source("Annotated",
        "public interface Annotated {",
        "  @LlmCall(prompt = \"Summarize: {text}\", provider = \"openai\", model = \"o3\")",
        "  String summarize(String text);",
        "}");
    JavaFileObject both = source("Both",
        "@LlmClient",
        "public interface Both extends Plain, Annotated {}");
    Compilation compilation = compile(plain, annotated, both);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmBoth"))
        .contains("CallSite.of(\"Both.summarize\", \"openai\", \"o3\")");
  }

  @Test
  void typeFromALaterRoundIsWaitedFor() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Describe {topic}\")",
        "  String describe(Topic topic);",
        "}");
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(new TopicGenerator(), processor)
        .compile(source);
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("public String describe(Topic topic)");
  }

  /** #15: an Optional renders as its value or nothing; example's OptionalParametersTest runs it. */
  @Test
  void optionalParametersRenderTheirValueOrNothing() {
    JavaFileObject source = source("Assistant",
        "import java.util.Optional;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Note(String text) {}",
        "  @LlmCall(prompt = \"{title} {count} {note} {value}\")",
        "  String brief(Optional<String> title, Optional<Integer> count, Optional<Note> note,",
        "      @Nullable Optional<String> value);",
        "  @interface Nullable {}",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant")).contains(
        "return this.brief.text(null, title.orElse(\"\") + \" \""
            + " + count.map(String::valueOf).orElse(\"\") + \" \""
            + " + note.map(value2 -> JsonWriting.toJson(value2, LlmAssistant::encodeNote))"
            + ".orElse(\"\") + \" \" + (value == null ? \"\" : value.orElse(\"\")));");
  }

  @Test
  void primitiveOptionalParametersRenderTheirValueOrNothing() {
    JavaFileObject source = source("Assistant",
        "import java.util.*;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"{a}{b}{c}\")",
        "  String brief(OptionalInt a, OptionalLong b, OptionalDouble c);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant")).contains(
        "(a.isPresent() ? String.valueOf(a.getAsInt()) : \"\")"
            + " + (b.isPresent() ? String.valueOf(b.getAsLong()) : \"\")"
            + " + (c.isPresent() ? String.valueOf(c.getAsDouble()) : \"\")");
  }

  @Test
  void handWrittenClassWithTheGeneratedNameIsReportedAsSuch() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    JavaFileObject clash = JavaFileObjects.forSourceLines("com.example.LlmAssistant",
        "package com.example;",
        "final class LlmAssistant {}");
    Compilation compilation = compile(source, clash);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERATED_NAME_TAKEN.tag())
        .inFile(source).onLineContaining("public interface Assistant");
    assertThat(compilation).hadErrorContaining(
        "LlmAssistant cannot be generated for Assistant: package com.example already declares"
            + " a type called LlmAssistant");
  }

  @Test
  void aClassWithTheGeneratedNameFromAnotherProcessorIsAWriteFailure() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(new TopicGenerator("LlmAssistant"), processor)
        .compile(source);
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.WRITE_FAILED.tag())
        .inFile(source).onLineContaining("@LlmClient");
  }

  /** Writes {@code com.example.Topic} in the first round, as another processor might. */
  private static final class TopicGenerator extends AbstractProcessor {
    private final String name;
    private boolean written;

    TopicGenerator() {
      this("Topic");
    }

    TopicGenerator(String name) {
      this.name = name;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("com.example." + name).openWriter()) {
          writer.write("package com.example;\npublic final class " + name + " {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
