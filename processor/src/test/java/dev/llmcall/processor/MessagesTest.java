package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue itself: tags are stable identifiers, so they must be unique and well formed. */
class MessagesTest {

  @Test
  void tagsAreUniqueAndBracketed() {
    assertThat(Arrays.stream(Messages.values()).map(Messages::tag).distinct().count())
        .isEqualTo(Messages.values().length);
    for (Messages message : Messages.values()) {
      assertThat(message.tag()).matches("\\[Llm[A-Z][A-Za-z]+\\]");
    }
  }

  @Test
  void unsupportedReturnTypeListsEverySupportedType() {
    String message = Messages.UNSUPPORTED_RETURN_TYPE.format("A.f", "int");
    String list = message.substring(
        message.indexOf("supported return types are ") + 27, message.indexOf(", where R is"));
    assertThat(list.split(", | and "))
        .asList()
        .containsExactlyElementsIn(
            Arrays.stream(ReturnKind.values()).map(ReturnKind::declaredType).toList())
        .inOrder();
  }

  @Test
  void formatStartsWithTheTag() {
    assertThat(Messages.UNKNOWN_PLACEHOLDER.format("txt", "prompt \"{txt}\"", "A.f", "; x"))
        .isEqualTo("[LlmUnknownPlaceholder] {txt} in prompt \"{txt}\" names no parameter of A.f; x");
  }
}
