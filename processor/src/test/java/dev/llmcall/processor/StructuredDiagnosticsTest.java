package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.bad;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Structured results and JSON parameters (#6): unmappable types, cycles, repairAttempts. */
class StructuredDiagnosticsTest {

  @Test
  void unsupportedComponentTypeIsReportedOnTheComponent() {
    JavaFileObject source = bad("UnsupportedComponentType");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag())
        .inFile(source).onLine(10);
    assertThat(compilation).hadErrorContaining(
        "Component 'payload' of record UnsupportedComponentType.Person has type Object");
    assertThat(compilation).hadErrorContaining("Supported are records, enums, String");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Object                          | Object is not a record, an enum or one of the scalar types",
    "Runnable                        | Runnable is not a record, an enum",
    "StringBuilder                   | StringBuilder is not a record, an enum",
    "java.util.ArrayList<String>     | ArrayList<String> is not a record, an enum",
    "java.util.List                  | List has no type arguments",
    "java.util.List<?>               | List<?> has a wildcard type argument",
    "java.util.Set<? extends Number> | Set<? extends Number> has a wildcard type argument",
    "int[]                           | int[] is an array; use a List",
    "java.util.List<String[]>        | String[] is an array; use a List",
    "java.util.Map<Integer, String>  | the keys of Map<Integer, String> are not String",
    "java.util.List<java.util.Optional<String>> | Optional<String> is inside another type",
    "java.util.Optional<java.util.Optional<String>> | Optional<String> is inside another type",
    "short                           | short is not supported; use int, long or double",
    "Float                           | Float is not supported; use int, long or double",
    "java.util.Map<String, Object>   | Object is not a record, an enum"
  })
  void unsupportedComponentTypes(String type, String reason) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name,",
        "      " + type + " odd) {}",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  Person extract(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag())
        .inFile(source).onLineContaining(" odd) {}");
    assertThat(compilation).hadErrorContaining(reason);
  }

  /** #15: the schema of an enum without constants is "enum": [], which nothing matches. */
  @Test
  void enumWithoutConstantsInAResultIsAnError() {
    JavaFileObject source = bad("EmptyEnum");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(
        Messages.EMPTY_ENUM.tag() + " Component 'labels' of record EmptyEnum.Review reads enum"
            + " EmptyEnum.Nothing, which has no constants")
        .inFile(source).onLine(12);
    assertThat(compilation).hadErrorContaining(
        Messages.EMPTY_ENUM.tag() + " @LlmCall method EmptyEnum.label reads enum EmptyEnum.Nothing")
        .inFile(source).onLine(18);
  }

  @Test
  void enumWithoutConstantsAsAParameterIsFine() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  enum Nothing {}",
        "  record Note(String text, Nothing nothing) {}",
        "  @LlmCall(prompt = \"Read {note}\")",
        "  String read(Note note);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void twoIndependentTypeErrorsAreBothReported() {
    JavaFileObject source = bad("TwoTypeErrors");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("Component 'scores' of record TwoTypeErrors.Team")
        .inFile(source).onLine(12);
    assertThat(compilation).hadErrorContaining("Component 'roles' of record TwoTypeErrors.Member")
        .inFile(source).onLine(17);
  }

  @Test
  void aRecordUsedByManyMethodsAndClientsIsReportedOnce() {
    JavaFileObject person = source("Person",
        "public record Person(String name,",
        "    Object payload) {}");
    JavaFileObject first = source("First",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface First {",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  Person extract(String text);",
        "  @LlmCall(prompt = \"Who wrote: {text}\")",
        "  CompletableFuture<LlmResponse<Person>> author(String text);",
        "  @LlmCall(prompt = \"Check {person}\")",
        "  String check(Person person);",
        "}");
    JavaFileObject second = source("Second",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Second {",
        "  @LlmCall(prompt = \"Everyone in: {text}\")",
        "  java.util.List<Person> everyone(String text);",
        "}");
    Compilation compilation = compile(person, first, second);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag())
        .inFile(person).onLineContaining("Object payload");
  }

  @Test
  void aRecordParameterMustBeWritableToo() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Order(String id,",
        "      Runnable callback) {}",
        "  @LlmCall(prompt = \"Check {orders}\")",
        "  String check(java.util.List<Order> orders);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag())
        .inFile(source).onLineContaining("Runnable callback");
  }

  @Test
  void aRecordOnlyAnUnusedParameterHasIsNotChecked() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Order(String id, Runnable callback) {}",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text, Order order);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(Messages.UNUSED_PARAMETER.tag());
  }

  @Test
  void cycleIsReportedOnTheComponentThatClosesIt() {
    JavaFileObject source = bad("CyclicRecord");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CYCLIC_RECORD.tag())
        .inFile(source).onLine(13);
    assertThat(compilation).hadErrorContaining(
        "(CyclicRecord.Customer.orders -> CyclicRecord.Order.customer -> CyclicRecord.Customer)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "java.util.List<Node> children",
    "java.util.Optional<Node> parent",
    "java.util.Map<String, java.util.Set<Node>> index",
    "Node next"
  })
  void recordThatContainsItself(String component) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Node(String name,",
        "      " + component + ") {}",
        "  @LlmCall(prompt = \"The tree in: {text}\")",
        "  Node tree(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CYCLIC_RECORD.tag())
        .inFile(source).onLineContaining(component);
    assertThat(compilation).hadErrorContaining("(Assistant.Node.");
  }

  @Test
  void aRecursiveRecordMayBeAParameter() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Node(String name, java.util.List<Node> children) {}",
        "  @LlmCall(prompt = \"Describe {tree}\")",
        "  String describe(Node tree);",
        "}");
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void genericRecordComponent() {
    JavaFileObject source = bad("GenericRecord");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERIC_RECORD.tag())
        .inFile(source).onLine(12);
    assertThat(compilation).hadErrorContaining(
        "Component 'content' of record GenericRecord.Parcel uses GenericRecord.Box<String>,"
            + " which is a generic record");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Box<String>", "java.util.List<Box<String>>",
      "java.util.Map<String, java.util.Set<Box<Integer>>>", "java.util.Optional<Box<Box<String>>>"})
  void genericRecordInsideAComponent(String type) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Box<T>(T value) {}",
        "  record Parcel(String label,",
        "      " + type + " content) {}",
        "  @LlmCall(prompt = \"Check {parcel}\")",
        "  String check(Parcel parcel);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERIC_RECORD.tag())
        .inFile(source).onLineContaining(" content) {}");
    assertThat(compilation).hadErrorContaining("which is a generic record");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Box<String>", "java.util.List<Box<String>>",
      "CompletableFuture<LlmResponse<Box<String>>>"})
  void genericRecordResult(String returnType) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Box<T>(T value) {}",
        "  @LlmCall(prompt = \"The box in: {text}\")",
        "  " + returnType + " box(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERIC_RECORD.tag())
        .inFile(source).onLineContaining("box(String text)");
    assertThat(compilation)
        .hadErrorContaining("@LlmCall method Assistant.box uses Assistant.Box<String>");
  }

  @Test
  void genericRecordParameterRendersByToString() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Box<T>(T value) {}",
        "  @LlmCall(prompt = \"Open {box}\")",
        "  String open(Box<String> box);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\"Open \" + box");
  }

  @Test
  void structuredStream() {
    JavaFileObject source = bad("StructuredStream");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_STREAM_TYPE.tag())
        .inFile(source).onLine(12);
    assertThat(compilation).hadErrorContaining(
        "structured output and streaming are not combined in this version");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Stream<Person>", "Flow.Publisher<Person>", "Stream<Mood>",
    "Flow.Publisher<java.util.List<Person>>"
  })
  void structuredStreamShapes(String returnType) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(Object notCheckedEither) {}",
        "  enum Mood { HAPPY }",
        "  @LlmCall(prompt = \"Everyone in: {text}\")",
        "  " + returnType + " everyone(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_STREAM_TYPE.tag())
        .inFile(source).onLineContaining("everyone(String text)");
    assertThat(compilation).hadErrorContaining("structured output and streaming");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.util.Optional<Person>", "java.util.Set<Person>",
      "java.util.Map<String, Person>", "java.util.List<String>", "Person[]", "Integer"})
  void unsupportedResultRoots(String returnType) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name) {}",
        "  @LlmCall(prompt = \"Who is in: {text}\")",
        "  " + returnType + " extract(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_RETURN_TYPE.tag())
        .inFile(source).onLineContaining("extract(String text)");
    assertThat(compilation).hadErrorContaining("where R is a record, an enum, or a List");
  }

  @Test
  void negativeRepairAttempts() {
    JavaFileObject source = bad("NegativeRepairAttempts");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.REPAIR_ATTEMPTS_OUT_OF_RANGE.tag())
        .inFile(source).onLine(11);
    assertThat(compilation).hadErrorContaining("repairAttempts = -2 on NegativeRepairAttempts");
  }

  @ParameterizedTest
  @ValueSource(ints = {-3, -100, Integer.MIN_VALUE})
  void repairAttemptsBelowMinusOne(int attempts) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name) {}",
        "  @LlmCall(prompt = \"Who is in: {text}\",",
        "      repairAttempts = " + attempts + ")",
        "  Person extract(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.REPAIR_ATTEMPTS_OUT_OF_RANGE.tag())
        .inFile(source).onLineContaining("repairAttempts =");
  }

  @ParameterizedTest
  @CsvSource({"-1, ''", "0, '.repairAttempts(0)'", "5, '.repairAttempts(5)'"})
  void repairAttemptsInRange(int attempts, String wither) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  record Person(String name) {}",
        "  @LlmCall(prompt = \"Who is in: {text}\", repairAttempts = " + attempts + ")",
        "  Person extract(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    if (wither.isEmpty()) {
      assertThat(generated).doesNotContain(".repairAttempts(");
    } else {
      assertThat(generated).contains(wither);
    }
  }

  @Test
  void repairAttemptsWithoutAStructuredResult() {
    JavaFileObject source = bad("RepairWithoutStructure");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.REPAIR_WITHOUT_STRUCTURE.tag())
        .inFile(source).onLine(9);
  }

  @Test
  void repairAttemptsOnAnUnsupportedTypeReportsOnlyTheType() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Count {text}\", repairAttempts = 2)",
        "  int count(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_RETURN_TYPE.tag());
  }
}
