package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A bug in the processor becomes one error diagnostic, never an exception out of javac. */
class CrashTest {

  @Test
  void crashBecomesOneErrorOnTheTypeBeingProcessed() {
    LlmClientProcessor processor = new LlmClientProcessor(model -> {
      throw new IllegalStateException("boom in " + model.displayName());
    });
    JavaFileObject source = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  @LlmCall(prompt = \"Summarize: {text}\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = javac().withProcessors(processor).compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("internal error in LlmClientProcessor, please report")
        .inFile(source).onLineContaining("interface Assistant");
    assertThat(compilation).hadErrorContaining(Messages.INTERNAL_ERROR.tag());
    assertThat(compilation).hadErrorContaining("IllegalStateException: boom in Assistant");
    assertThat(processor.exceptionStacks()).hasSize(1);
    assertThat(processor.exceptionStacks().get(0)).contains("boom in Assistant");
  }

  @Test
  void crashOnOneTypeDoesNotStopTheOthers() {
    List<String> written = new ArrayList<>();
    LlmClientProcessor processor = new LlmClientProcessor(model -> {
      if (model.displayName().equals("First")) {
        throw new IllegalStateException("boom");
      }
      written.add(model.displayName());
      return ClientImplWriter.write(model);
    });
    JavaFileObject first = source("First",
        "public interface First {",
        "  @LlmCall(prompt = \"{text}\", provider = \"openai\", model = \"gpt-4o-mini\")",
        "  String summarize(String text);",
        "}");
    JavaFileObject second = source("Second",
        "public interface Second {",
        "  @LlmCall(prompt = \"{text}\", provider = \"openai\", model = \"gpt-4o-mini\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = javac().withProcessors(processor).compile(first, second);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("internal error").inFile(first);
    // javac hides generated files once compilation failed; the writer saw the second type.
    assertThat(written).containsExactly("Second");
    assertThat(processor.exceptionStacks()).hasSize(1);
  }
}
