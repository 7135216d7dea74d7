package dev.llmcall.processor;

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

/** Where the annotations may go, and which types and methods can be implemented. */
class PlacementDiagnosticsTest {

  @ParameterizedTest
  @CsvSource({
    "ClientOnClass, a class",
    "ClientOnEnum, an enum",
    "ClientOnRecord, a record",
    "ClientOnAnnotation, an annotation type"
  })
  void llmClientMustBeOnAnInterface(String fixture, String kind) {
    JavaFileObject source = bad(fixture);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CLIENT_NOT_INTERFACE.tag())
        .inFile(source).onLine(5);
    assertThat(compilation).hadErrorContaining(fixture + " is " + kind);
  }

  @Test
  void llmCallMustBeInAnInterface() {
    JavaFileObject source = bad("CallInClass");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CALL_OUTSIDE_INTERFACE.tag())
        .inFile(source).onLine(6);
  }

  @ParameterizedTest
  @CsvSource({"CallOnDefaultMethod, a default method", "CallOnStaticMethod, static"})
  void llmCallMethodMustBeAbstract(String fixture, String kind) {
    JavaFileObject source = bad(fixture);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CALL_NOT_ABSTRACT.tag())
        .inFile(source).onLine(8);
    assertThat(compilation).hadErrorContaining("is " + kind);
  }

  @Test
  void abstractMethodWithoutLlmCallCannotBeImplemented() {
    JavaFileObject source = bad("MissingCall");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.MISSING_CALL.tag())
        .inFile(source).onLine(11);
    assertThat(compilation).hadErrorContaining("MissingCall.translate has no @LlmCall");
  }

  @Test
  void inheritedAbstractMethodWithoutLlmCallIsReportedOnTheInterface() {
    JavaFileObject source = bad("MissingCallInherited");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.MISSING_CALL.tag())
        .inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("AutoCloseable.close has no @LlmCall");
  }

  @Test
  void genericInterface() {
    JavaFileObject source = bad("GenericClient");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERIC_CLIENT.tag())
        .inFile(source).onLine(7);
  }

  @Test
  void genericMethod() {
    JavaFileObject source = bad("GenericMethod");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.GENERIC_METHOD.tag())
        .inFile(source).onLine(9);
  }

  @Test
  void privateNestedInterface() {
    JavaFileObject source = bad("PrivateNested");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_CLIENT.tag())
        .inFile(source).onLine(8);
    assertThat(compilation).hadErrorContaining("PrivateNested.Assistant is private");
  }

  @Test
  void interfaceNestedInAPrivateClass() {
    JavaFileObject source = bad("NestedInPrivate");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.INACCESSIBLE_CLIENT.tag())
        .inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("nested in a private type");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "void",
    "int",
    "Object",
    "CharSequence",
    "CompletableFuture<Integer>",
    "CompletableFuture",
    "CompletableFuture<?>",
    "CompletableFuture<? extends String>",
    "LlmResponse<Integer>",
    "LlmResponse<?>",
    "LlmResponse",
    "CompletableFuture<LlmResponse<Object>>",
    "java.util.List<String>",
    "java.util.Optional<String>",
    "java.util.stream.IntStream"
  })
  void unsupportedReturnType(String returnType) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  " + returnType + " summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_RETURN_TYPE.tag())
        .inFile(source).onLineContaining("summarize(String text)");
    // MessagesTest keeps the listed types in step with ReturnKind.
    assertThat(compilation).hadErrorContaining("supported return types are String");
  }

  @Test
  void undefinedTypeIsReportedWhenProcessingIsOver() {
    JavaFileObject source = bad("UndefinedType");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    // javac's own "cannot find symbol" is the other one.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.UNDEFINED_TYPE.tag())
        .inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLine(9);
  }

  @Test
  void everyIndependentErrorInAFileIsReported() {
    JavaFileObject source = bad("TwoErrors");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.UNKNOWN_PLACEHOLDER.tag())
        .inFile(source).onLine(8);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_RETURN_TYPE.tag())
        .inFile(source).onLine(12);
  }
}
