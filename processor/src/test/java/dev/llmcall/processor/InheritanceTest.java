package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods a client inherits (#15): from generic super-interfaces, with their type arguments
 * substituted, and from several super-interfaces at once.
 */
class InheritanceTest {

  @Test
  void genericResultTypeIsSubstituted() {
    JavaFileObject classifier = source("Classifier",
        "public interface Classifier<T> {",
        "  @LlmCall(prompt = \"Classify: {text}\")",
        "  T classify(String text);",
        "}");
    JavaFileObject client = source("TextClassifier",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface TextClassifier extends Classifier<String> {}");
    Compilation compilation = compile(classifier, client);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmTextClassifier"))
        .contains("public String classify(String text) {");
  }

  @Test
  void genericStructuredResultAndParameterAreSubstituted() {
    JavaFileObject judge = source("Judge",
        "public interface Judge<T, R> {",
        "  @LlmCall(prompt = \"Judge {item}\")",
        "  R judge(T item);",
        "  @LlmCall(prompt = \"Judge all of {items}\")",
        "  CompletableFuture<java.util.List<R>> judgeAll(java.util.List<T> items);",
        "}");
    JavaFileObject client = source("PersonJudge",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface PersonJudge extends Judge<PersonJudge.Person, PersonJudge.Verdict> {",
        "  record Person(String name) {}",
        "  enum Verdict { GOOD, BAD }",
        "}");
    Compilation compilation = compile(judge, client);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Golden.generated(compilation, "com.example.LlmPersonJudge");
    assertThat(generated).contains("public PersonJudge.Verdict judge(PersonJudge.Person item) {");
    assertThat(generated).contains("JsonWriting.toJson(item, LlmPersonJudge::encodePerson)");
    assertThat(generated).contains(
        "public CompletableFuture<List<PersonJudge.Verdict>> judgeAll(List<PersonJudge.Person> items)");
  }

  @Test
  void typeArgumentsPassThroughIntermediateInterfaces() {
    JavaFileObject source = source("Assistant",
        "interface Base<A> {",
        "  @LlmCall(prompt = \"Say {a}\")",
        "  A say(A a);",
        "}",
        "interface Middle<B> extends Base<B> {}",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends Middle<String> {}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("public String say(String a) {");
  }

  @Test
  void conflictingLlmCallsFromTwoSuperInterfacesAreAnError() {
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends Summaries, Digests {}");
    Compilation compilation = compile(
        base("Summaries", "summarize", "Summarize: {text}"),
        base("Digests", "summarize", "Digest: {text}"),
        client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.CONFLICTING_CALLS.tag()
            + " Assistant inherits summarize from both Summaries and Digests, each with a"
            + " different @LlmCall")
        .inFile(client).onLineContaining("public interface Assistant");
  }

  @Test
  void redeclaringTheMethodSettlesTheConflict() {
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends Summaries, Digests {",
        "  @Override",
        "  @LlmCall(prompt = \"In short: {text}\")",
        "  String summarize(String text);",
        "}");
    Compilation compilation = compile(
        base("Summaries", "summarize", "Summarize: {text}"),
        base("Digests", "summarize", "Digest: {text}"),
        client);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\"In short: \" + text");
  }

  @Test
  void identicalLlmCallsFromTwoSuperInterfacesAreNoConflict() {
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends Summaries, Digests {}");
    Compilation compilation = compile(
        base("Summaries", "summarize", "Summarize: {text}"),
        base("Digests", "summarize", "Summarize: {text}"),
        client);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anOverrideReachedLaterWinsOverTheMethodItOverrides() {
    JavaFileObject special = source("Special",
        "public interface Special extends Summaries {",
        "  @Override",
        "  @LlmCall(prompt = \"Special: {text}\", provider = \"xai\", model = \"grok-4\")",
        "  String summarize(String text);",
        "}");
    JavaFileObject client = source("Assistant",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant extends Summaries, Special {}");
    Compilation compilation =
        compile(base("Summaries", "summarize", "Summarize: {text}"), special, client);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Golden.generated(compilation, "com.example.LlmAssistant"))
        .contains("\"Special: \" + text");
  }

  /** {@code public interface name { @LlmCall(prompt) String method(String text); }} */
  private static JavaFileObject base(String name, String method, String prompt) {
    return source(name,
        "public interface " + name + " {",
        "  @LlmCall(prompt = \"" + prompt + "\", provider = \"xai\", model = \"grok-4\")",
        "  String " + method + "(String text);",
        "}");
  }
}
