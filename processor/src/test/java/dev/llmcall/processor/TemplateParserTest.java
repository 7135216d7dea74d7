package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.llmcall.processor.PromptTemplate.Literal;
import dev.llmcall.processor.PromptTemplate.Placeholder;
import dev.llmcall.processor.PromptTemplate.Reason;
import dev.llmcall.processor.PromptTemplate.SyntaxError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The template parser on its own, without javac. */
class TemplateParserTest {

  @Test
  void literalOnly() {
    PromptTemplate template = PromptTemplate.parse("Tell me a joke.");
    assertThat(template.isValid()).isTrue();
    assertThat(template.parts()).containsExactly(new Literal("Tell me a joke."));
  }

  @Test
  void emptyTemplateHasNoParts() {
    PromptTemplate template = PromptTemplate.parse("");
    assertThat(template.isValid()).isTrue();
    assertThat(template.parts()).isEmpty();
  }

  @Test
  void placeholdersBetweenLiterals() {
    PromptTemplate template = PromptTemplate.parse("Translate {text} into {language}");
    assertThat(template.parts()).containsExactly(
        new Literal("Translate "),
        new Placeholder("text"),
        new Literal(" into "),
        new Placeholder("language")).inOrder();
  }

  @Test
  void adjacentPlaceholders() {
    assertThat(PromptTemplate.parse("{a}{b}").parts())
        .containsExactly(new Placeholder("a"), new Placeholder("b")).inOrder();
  }

  @Test
  void doubledBracesAreLiteralAndMergeWithTheTextAround() {
    PromptTemplate template = PromptTemplate.parse("JSON like {{\"a\": 1}} for {text}");
    assertThat(template.parts()).containsExactly(
        new Literal("JSON like {\"a\": 1} for "), new Placeholder("text")).inOrder();
  }

  @Test
  void tripleBracesAreALiteralBraceAroundAPlaceholder() {
    assertThat(PromptTemplate.parse("{{{name}}}").parts()).containsExactly(
        new Literal("{"), new Placeholder("name"), new Literal("}")).inOrder();
  }

  @Test
  void escapedPlaceholderIsText() {
    PromptTemplate template = PromptTemplate.parse("{{name}}");
    assertThat(template.parts()).containsExactly(new Literal("{name}"));
    assertThat(template.placeholderNames()).isEmpty();
  }

  @Test
  void placeholderNamesInOrderOfFirstUse() {
    assertThat(PromptTemplate.parse("{b} {a} {b} {$c_1}").placeholderNames())
        .containsExactly("b", "a", "$c_1").inOrder();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{            | UNCLOSED_BRACE      | 0  | ''",
    "Hello {name  | UNCLOSED_BRACE      | 6  | ''",
    "{a}{         | UNCLOSED_BRACE      | 3  | ''",
    "a }          | UNOPENED_BRACE      | 2  | ''",
    "}}}          | UNOPENED_BRACE      | 2  | ''",
    "{a}}         | UNOPENED_BRACE      | 3  | ''",
    "Reply {}     | EMPTY_PLACEHOLDER   | 6  | ''",
    "x { text }   | INVALID_PLACEHOLDER | 2  | ' text '",
    "{a-b}        | INVALID_PLACEHOLDER | 0  | a-b",
    "{1st}        | INVALID_PLACEHOLDER | 0  | 1st",
    "{a{b}        | INVALID_PLACEHOLDER | 0  | a{b",
    "{a.b}        | INVALID_PLACEHOLDER | 0  | a.b"
  })
  void syntaxErrors(String text, Reason reason, int index, String placeholder) {
    PromptTemplate template = PromptTemplate.parse(text);
    assertThat(template.isValid()).isFalse();
    assertThat(template.parts()).isEmpty();
    assertThat(template.error()).hasValue(new SyntaxError(reason, index, placeholder));
  }

  @Test
  void firstErrorWins() {
    assertThat(PromptTemplate.parse("} {").error().get().reason())
        .isEqualTo(Reason.UNOPENED_BRACE);
  }

  @ParameterizedTest
  @CsvSource({
    "text, txt, 1",
    "text, TEXT, 0",
    "language, langauge, 2",
    "text, topic, 4",
    "'', abc, 3"
  })
  void editDistanceForDidYouMean(String a, String b, int distance) {
    assertThat(TemplateValidator.distance(a, b)).isEqualTo(distance);
  }
}
