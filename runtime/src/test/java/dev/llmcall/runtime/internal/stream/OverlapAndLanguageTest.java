package dev.llmcall.runtime.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a resumed stream keeps of its continuation, and in which language it asks for one. */
class OverlapAndLanguageTest {
  @Test
  void repeatedEndIsDropped() {
    assertEquals("climbed the stairs.",
        Overlap.trim("The lighthouse keeper ", "lighthouse keeper climbed the stairs."));
  }

  @Test
  void shortCoincidencesAreKept() {
    assertEquals(" the end", Overlap.trim("and then the", " the end")); // " the" is too short to trust
  }

  @Test
  void noOverlapKeepsEverythingButDoubledSpace() {
    assertEquals("went home.", Overlap.trim("She ", " went home."));
    assertEquals(" went home.", Overlap.trim("She", " went home."));
  }

  @Test
  void wholeContinuationRepeatedLeavesNothing() {
    assertEquals("", Overlap.trim("one two three four", "two three four"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Tell me a story about a lighthouse | en",
      "Erzähle mir bitte eine Geschichte über einen Leuchtturm | de",
      "Raconte-moi une histoire sur un phare avec des marins | fr",
      "Cuéntame una historia sobre un faro y los marineros | es",
      "Escreva uma história sobre um farol para você | pt",
      "Scrivi una storia su un faro per i bambini | it",
      "Schrijf een verhaal over een vuurtoren voor de kinderen | nl",
      "Расскажи историю о маяке | ru",
      "灯台についての物語を書いてください | ja",
      "写一个关于灯塔的故事 | zh",
      "등대에 관한 이야기를 써 주세요 | ko",
      "12345 | en"})
  void languageOfThePrompt(String prompt, String language) {
    assertEquals(language, ContinueInstruction.language(prompt));
  }

  @Test
  void instructionIsInThatLanguage() {
    assertTrue(ContinueInstruction.forPrompt("Erzähle mir bitte eine Geschichte").startsWith("Setze"));
    assertTrue(ContinueInstruction.forPrompt("Tell me a story").startsWith("Continue"));
  }
}
