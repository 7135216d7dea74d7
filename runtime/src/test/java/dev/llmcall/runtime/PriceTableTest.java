package dev.llmcall.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped price snapshot, model lookup and exact cost arithmetic (#14). */
class PriceTableTest {
  private static final PriceTable BUILT_IN = PriceTable.builtIn();

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  private static void assertUsd(String expected, BigDecimal actual) {
    assertEquals(0, usd(expected).compareTo(actual), "expected " + expected + " but was " + actual);
  }

  @Test
  void theBuiltInTableIsDatedAndHasCurrentModels() {
    assertEquals(Optional.of(LocalDate.of(2025, 10, 15)), BUILT_IN.asOf());
    assertEquals(ModelPrice.perMillion("0.15", "0.60"), BUILT_IN.price("gpt-4o-mini").orElseThrow());
    assertEquals(ModelPrice.perMillion("2.50", "10.00"), BUILT_IN.price("gpt-4o").orElseThrow());
    assertEquals(ModelPrice.perMillion("3.00", "15.00"), BUILT_IN.price("claude-sonnet-4-5").orElseThrow());
    assertEquals(ModelPrice.perMillion("1.00", "5.00"), BUILT_IN.price("claude-haiku-4-5").orElseThrow());
    assertSame(BUILT_IN, PriceTable.builtIn(), "read once");
  }

  @Test
  void datedModelNamesHaveTheirFamilysPriceButOtherSuffixesDoNot() {
    assertEquals(BUILT_IN.price("gpt-4o"), BUILT_IN.price("gpt-4o-2024-08-06"));
    assertEquals(BUILT_IN.price("gpt-4o-mini"), BUILT_IN.price("gpt-4o-mini-2024-07-18"));
    assertEquals(BUILT_IN.price("claude-sonnet-4-5"), BUILT_IN.price("claude-sonnet-4-5-20250929"));
    assertEquals(BUILT_IN.price("gpt-4o"), BUILT_IN.price("GPT-4o"));
    assertFalse(BUILT_IN.price("gpt-4o-audio-preview").isPresent(), "not priced as gpt-4o");
    assertFalse(BUILT_IN.price("my-deployment").isPresent());
    assertFalse(BUILT_IN.price(null).isPresent());
    assertFalse(BUILT_IN.price("").isPresent());
  }

  @Test
  void lookupsAreRememberedOnlyAsFarAsTheyGoAndStayRight() {
    PriceTable t = PriceTable.empty().with("m", ModelPrice.perMillion("1", "2"));
    for (int i = 0; i < 100; i++) { // past what is remembered: still looked up
      assertFalse(t.price("other-" + i).isPresent());
    }
    assertEquals(ModelPrice.perMillion("1", "2"), t.price("m-2025-01-01").orElseThrow());
    assertEquals(ModelPrice.perMillion("1", "2"), t.price("m-2025-01-01").orElseThrow(), "again");
    assertEquals(ModelPrice.perMillion("1", "2"), t.price(" M ").orElseThrow());
    PriceTable repriced = t.with("m", ModelPrice.perMillion("3", "4"));
    assertEquals(ModelPrice.perMillion("3", "4"), repriced.price("m-2025-01-01").orElseThrow());
  }

  @Test
  void costIsExactUsdPerMillionTokens() {
    Cost c = BUILT_IN.cost("gpt-4o-mini", new Usage(1_000, 500)).orElseThrow();
    assertUsd("0.00015", c.input());
    assertUsd("0.0003", c.output());
    assertUsd("0.00045", c.total());
    assertEquals("USD 0.00045", c.toString());
    assertUsd("0", BUILT_IN.cost("gpt-4o", Usage.NONE).orElseThrow().total());
    assertFalse(BUILT_IN.cost("unknown-model", new Usage(5, 5)).isPresent());
    assertUsd("0.2", c.plus(new Cost(usd("0.1"), usd("0.09955"))).total());
  }

  @Test
  void withAddsOrReplacesWithoutChangingTheTable() {
    PriceTable custom = BUILT_IN.with("gpt-4o", ModelPrice.perMillion("1", "2")).with("Mine", ModelPrice.perMillion("0", "0.5"));
    assertEquals(ModelPrice.perMillion("1", "2"), custom.price("gpt-4o-2024-08-06").orElseThrow());
    assertEquals(ModelPrice.perMillion("0", "0.5"), custom.price("mine").orElseThrow());
    assertEquals(ModelPrice.perMillion("2.50", "10.00"), BUILT_IN.price("gpt-4o").orElseThrow());
    assertEquals(BUILT_IN.asOf(), custom.asOf());
    assertTrue(PriceTable.empty().prices().isEmpty());
    PriceTable of = PriceTable.of(null, Map.of("A", ModelPrice.perMillion("1", "1")));
    assertTrue(of.price("a").isPresent());
    assertFalse(of.asOf().isPresent());
  }

  @Test
  void aTableIsReadFromJsonTextOrNumbersAndABadOneSaysWhy() throws Exception {
    PriceTable t = PriceTable.read(utf8(
        "{\"asOf\":\"2026-01-02\",\"models\":{\"m\":{\"input\":\"0.1\",\"output\":0.2}}}"));
    assertEquals(Optional.of(LocalDate.of(2026, 1, 2)), t.asOf());
    assertEquals(ModelPrice.perMillion("0.1", "0.2"), t.price("m").orElseThrow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PriceTable.read(utf8("{\"models\":{\"m\":{\"input\":\"1\"}}}")));
    assertEquals("price of m has no output", e.getMessage());
  }

  @Test
  void pricesAndCostsAreNeverNegative() {
    assertThrows(IllegalArgumentException.class, () -> ModelPrice.perMillion("-1", "1"));
    assertThrows(IllegalArgumentException.class, () -> new Cost(usd("0"), usd("-0.1")));
    assertThrows(NumberFormatException.class, () -> ModelPrice.perMillion("one", "1"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
