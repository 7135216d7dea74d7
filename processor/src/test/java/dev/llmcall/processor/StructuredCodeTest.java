package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.good;
import static dev.llmcall.processor.Compilations.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Names, determinism and rounds of the generated structured-output code (#6). */
class StructuredCodeTest {

  @Test
  void sameInputGivesByteIdenticalOutput() {
    Compilation first = compile(good("schemas/Catalog"));
    Compilation second = compile(good("schemas/Catalog"));
    assertThat(first).succeededWithoutWarnings();
    assertThat(Golden.generated(second, "com.example.LlmCatalog"))
        .isEqualTo(Golden.generated(first, "com.example.LlmCatalog"));
  }

  @Test
  void recordsWithTheSameSimpleNameInTwoPackagesDoNotClash() {
    JavaFileObject first = JavaFileObjects.forSourceLines("com.example.a.Item",
        "package com.example.a;",
        "public record Item(String name) {}");
    JavaFileObject second = JavaFileObjects.forSourceLines("com.example.b.Item",
        "package com.example.b;",
        "public record Item(int count, com.example.a.Item inner) {}");
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"{text}\")",
        "  com.example.a.Item first(String text);",
        "  @LlmCall(prompt = \"{text}\")",
        "  com.example.b.Item second(String text);",
        "  @LlmCall(prompt = \"{a} {b}\")",
        "  String both(com.example.a.Item a, com.example.b.Item b);",
        "}");
    Compilation compilation = compile(first, second, client);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated).contains("ITEM_OUTPUT = ");
    assertThat(generated).contains("ITEM_OUTPUT_ = ");
    assertThat(generated).contains("decodeItem(JsonNode node");
    assertThat(generated).contains("decodeItem_(JsonNode node");
    assertThat(generated).contains("encodeItem(JsonGenerator g");
    assertThat(generated).contains("encodeItem_(JsonGenerator g");
  }

  @Test
  void generatedNamesDoNotClashWithTheInterfacesMethods() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name) {}",
        "  @LlmCall(prompt = \"{text}\")",
        "  Person personOutput(String text);",
        "  @LlmCall(prompt = \"{text}\")",
        "  Person decodePerson(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated).contains("CallSite PERSON_OUTPUT = ");
    assertThat(generated).contains("StructuredOutput<Assistant.Person> PERSON_OUTPUT_ = ");
    assertThat(generated).contains("private static Assistant.Person decodePerson_(");
  }

  @Test
  void componentsNamedLikeGeneratedLocalsAndTypes() throws IOException {
    JavaFileObject source = source("Assistant",
        "import java.util.*;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  enum Kind { A, B }",
        "  record Odd(String node, String path, int v, String n, String p, String vv,",
        "      String g, String value, String item, String entry, String e, String element,",
        "      List<List<Kind>> JsonFields, Map<String, List<Kind>> Kind,",
        "      Optional<Set<Kind>> Assistant, String LlmAssistant, String String) {",
        "    public Odd {}",
        "  }",
        "  @LlmCall(prompt = \"{text}\")",
        "  Odd odd(String text);",
        "  @LlmCall(prompt = \"{odd}\")",
        "  String check(Odd odd);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    StructuredOutput<?> output = (StructuredOutput<?>) GeneratedClasses.of(compilation)
        .staticField("com.example.LlmAssistant", "ODD_OUTPUT");
    Violations v = new Violations();
    Object odd = output.decoder().decode(new ObjectMapper().readTree("{\"node\":\"1\","
        + "\"path\":\"2\",\"v\":3,\"n\":\"4\",\"p\":\"5\",\"vv\":\"6\",\"g\":\"7\",\"value\":\"8\","
        + "\"item\":\"9\",\"entry\":\"10\",\"e\":\"11\",\"element\":\"12\","
        + "\"JsonFields\":[[\"A\"]],\"Kind\":[{\"key\":\"k\",\"value\":[\"B\"]}],"
        + "\"Assistant\":null,\"LlmAssistant\":\"13\",\"String\":\"14\"}"), "$", v);
    assertThat(v.list()).isEmpty();
    assertThat(odd.toString()).isEqualTo("Odd[node=1, path=2, v=3, n=4, p=5, vv=6, g=7,"
        + " value=8, item=9, entry=10, e=11, element=12, JsonFields=[[A]], Kind={k=[B]},"
        + " Assistant=Optional.empty, LlmAssistant=13, String=14]");
  }

  @Test
  void aRecordComponentOfATypeFromALaterRoundIsWaitedFor() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name, Address address) {}",
        "  @LlmCall(prompt = \"Who is in {text}\")",
        "  Person extract(String text);",
        "}");
    LlmClientProcessor processor = new LlmClientProcessor();
    Compilation compilation = javac()
        .withProcessors(new AddressGenerator(), processor)
        .compile(source);
    assertThat(processor.exceptionStacks()).isEmpty();
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("Address address = decodeAddress(node.get(\"address\")");
  }

  /** Writes {@code com.example.Address} in the first round, as another processor might. */
  private static final class AddressGenerator extends AbstractProcessor {
    private boolean written;

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
            processingEnv.getFiler().createSourceFile("com.example.Address").openWriter()) {
          writer.write("package com.example;\npublic record Address(String city) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
