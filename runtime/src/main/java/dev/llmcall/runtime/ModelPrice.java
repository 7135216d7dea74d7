package dev.llmcall.runtime;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A model's list price in US dollars per million tokens, input and output. Cached-input discounts,
 * batch prices and long-context tiers are not modelled: the price of an ordinary request.
 *
 * <pre>{@code
 * LlmRuntime.builder().price("my-finetune", ModelPrice.perMillion("3.75", "15.00"))
 * }</pre>
 *
 * @param inputPerMillion USD per million input (prompt) tokens
 * @param outputPerMillion USD per million output (generated) tokens
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  public ModelPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion == null");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion == null");
    if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
      throw new IllegalArgumentException(
          "prices must be >= 0: " + inputPerMillion + ", " + outputPerMillion);
    }
  }

  /** A price from decimal strings, such as {@code perMillion("0.15", "0.60")}, read exactly. */
  public static ModelPrice perMillion(String inputPerMillion, String outputPerMillion) {
    return new ModelPrice(new BigDecimal(Objects.requireNonNull(inputPerMillion, "input == null")),
        new BigDecimal(Objects.requireNonNull(outputPerMillion, "output == null")));
  }

  /** What {@code usage} costs at this price. */
  public Cost cost(Usage usage) {
    Objects.requireNonNull(usage, "usage == null");
    return new Cost(
        inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens())).movePointLeft(6),
        outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())).movePointLeft(6));
  }
}
