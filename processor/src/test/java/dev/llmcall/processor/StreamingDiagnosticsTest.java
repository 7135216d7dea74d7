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

/** Streaming return types and {@code @Retry(resumeStream)} (#5). */
class StreamingDiagnosticsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Stream<String>                                        | textStream | ''",
    "Flow.Publisher<String>                                | publisher | ''",
    "java.util.concurrent.Flow.Publisher<java.lang.String> | publisher | ''",
    "LlmStream                                             | stream    | ''"
  })
  void streamingShapesCompileWithoutWarningsAgainstTheRuntime(
      String returnType, String boundCallMethod, String resultMethod) {
    JavaFileObject source = source("Storyteller",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Storyteller {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  @Retry(resumeStream = true)",
        "  " + returnType + " story(String topic);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmStoryteller");
    assertThat(generated).contains("return this.story." + boundCallMethod
        + "(null, \"Tell a story about \" + topic)" + resultMethod + ";");
    assertThat(generated).contains(".resumeStream(true)");
  }

  @Test
  void unsupportedStreamType() {
    JavaFileObject source = bad("UnsupportedStreamType");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_STREAM_TYPE.tag())
        .inFile(source).onLine(10);
    assertThat(compilation).hadErrorContaining(
        "a stream yields text chunks, so declare Stream<String>, Flow.Publisher<String> or"
            + " LlmStream");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Stream<Integer>                            | its elements are not String",
    "Stream<Object>                             | its elements are not String",
    "Flow.Publisher<Object>                     | its elements are not String",
    "Stream<CharSequence>                       | its elements are not String",
    "Stream<LlmResponse<String>>                | declare LlmStream, whose response()",
    "Flow.Publisher<LlmResponse<String>>        | declare LlmStream, whose response()",
    "Stream                                     | it has no element type",
    "Flow.Publisher                             | it has no element type",
    "Stream<?>                                  | its element type is a wildcard",
    "Stream<? extends CharSequence>             | its element type is a wildcard",
    "Flow.Publisher<? super String>             | its element type is a wildcard",
    "CompletableFuture<Stream<String>>          | a stream is already asynchronous",
    "CompletableFuture<LlmStream>               | a stream is already asynchronous",
    "CompletableFuture<Flow.Publisher<String>>  | a stream is already asynchronous",
    "CompletableFuture<Stream<Integer>>         | a stream is already asynchronous",
    "java.util.Iterator<String>                 | declare LlmStream, which is an Iterable<String>",
    "Iterable<String>                           | declare LlmStream, which is an Iterable<String>",
    "Flow.Publisher<LlmStream>                  | declare LlmStream, which is an Iterable<String>,",
    "Stream<Stream<String>>                     | each element would be a whole stream"
  })
  void streamingShapeTheRuntimeCannotServe(String returnType, String hint) {
    JavaFileObject source = source("Storyteller",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Storyteller {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  " + returnType + " story(String topic);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_STREAM_TYPE.tag())
        .inFile(source).onLineContaining("story(String topic)");
    assertThat(compilation).hadErrorContaining(hint);
  }

  @Test
  void resumeStreamWithoutStream() {
    JavaFileObject source = bad("ResumeWithoutStream");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.RESUME_WITHOUT_STREAM.tag())
        .inFile(source).onLine(11);
    assertThat(compilation).hadErrorContaining("ResumeWithoutStream.summarize");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "String", "LlmResponse<String>", "CompletableFuture<String>",
    "CompletableFuture<LlmResponse<String>>"
  })
  void resumeStreamOnAMethodThatDoesNotStream(String returnType) {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @Retry(maxAttempts = 3,",
        "      resumeStream = true)",
        "  " + returnType + " summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.RESUME_WITHOUT_STREAM.tag())
        .inFile(source).onLineContaining("resumeStream = true");
  }

  @ParameterizedTest
  @CsvSource({"Stream<Integer>, UNSUPPORTED_STREAM_TYPE", "int, UNSUPPORTED_RETURN_TYPE"})
  void resumeStreamOnAnUnsupportedTypeReportsOnlyTheType(String returnType, Messages message) {
    JavaFileObject source = source("Storyteller",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Storyteller {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  @Retry(resumeStream = true)",
        "  " + returnType + " story(String topic);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message.tag())
        .inFile(source).onLineContaining("story(String topic)");
  }

  @Test
  void interfaceResumeStreamReachesOnlyMethodsThatStream() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(resumeStream = true)",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  CompletableFuture<String> summarizeAsync(String text);",
        "  @LlmCall(prompt = \"Tell a story about {text}\")",
        "  LlmStream story(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmAssistant");
    assertThat(generated).containsMatch(
        "CallSite.of\\(\"Assistant.story\", \"openai\", \"gpt-4o-mini\"\\)\\s*"
            + "\\.retryPolicy\\(\"default\"\\)\\s*\\.resumeStream\\(true\\);");
    assertThat(generated.split("\\.resumeStream\\(", -1)).hasLength(2);
  }

  @Test
  void methodRetryWithoutResumeStreamWinsOverTheInterfaces() {
    JavaFileObject source = source("Storyteller",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(resumeStream = true)",
        "public interface Storyteller {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  @Retry(maxAttempts = 2)",
        "  Stream<String> story(String topic);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmStoryteller"))
        .doesNotContain(".resumeStream(");
  }

  @Test
  void resumeStreamFalseIsNeverAnError() {
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "@Retry(resumeStream = false)",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  @Retry(resumeStream = false)",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .doesNotContain(".resumeStream(");
  }

  @Test
  void bothStreamingErrorsAreReportedInOneCompile() {
    JavaFileObject source = source("Storyteller",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Storyteller {",
        "  @LlmCall(prompt = \"Tell a story about {topic}\")",
        "  Stream<Integer> story(String topic);",
        "  @LlmCall(prompt = \"A title for {topic}\")",
        "  @Retry(resumeStream = true)",
        "  String title(String topic);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_STREAM_TYPE.tag())
        .inFile(source).onLineContaining("story(String topic)");
    assertThat(compilation).hadErrorContaining(Messages.RESUME_WITHOUT_STREAM.tag())
        .inFile(source).onLineContaining("resumeStream = true");
  }
}
