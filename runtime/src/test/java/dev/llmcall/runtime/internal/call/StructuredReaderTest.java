package dev.llmcall.runtime.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.StructuredOutput;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Reading an answer: fences, exact decimals, and what is reported when it is not the JSON alone. */
class StructuredReaderTest {
  private static final StructuredOutput<BigDecimal> PRICE = StructuredOutput.of("Price", "{}",
      (node, path, v) -> JsonFields.object(node, path, v, "price")
          ? JsonFields.decimal(node.get("price"), path + ".price", v) : null);

  @Test
  void decimalsKeepTheirScale() {
    StructuredReader.Result<BigDecimal> r = StructuredReader.read("{\"price\": 12.50}", PRICE);
    assertEquals(new BigDecimal("12.50"), r.value());
    assertEquals(2, r.value().scale());
  }

  @Test
  void fenceWithOrWithoutLanguageIsRemoved() {
    assertEquals("{\"a\":1}", StructuredReader.unfenced("```json\n{\"a\":1}\n```"));
    assertEquals("{\"a\":1}", StructuredReader.unfenced("  ```\n{\"a\":1}\n```  "));
    assertEquals("{\"a\":1}", StructuredReader.unfenced("{\"a\":1}"));
  }

  @Test
  void textBeforeTheJsonIsReported() {
    StructuredReader.Result<BigDecimal> r = StructuredReader.read("Here it is: {\"price\": 1}", PRICE);
    assertTrue(r.violations().get(0).startsWith("$: the answer is not one JSON value"), r.violations().toString());
  }

  @Test
  void feedbackListsEveryViolation() {
    String f = StructuredReader.feedback(java.util.List.of("$.a: bad", "$.b: worse"));
    assertTrue(f.contains("- $.a: bad\n- $.b: worse\n"), f);
  }
}
