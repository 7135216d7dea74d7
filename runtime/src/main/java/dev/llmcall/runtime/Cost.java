package dev.llmcall.runtime;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a call cost in US dollars, at list price: the tokens of every attempt (failed and repaired
 * ones included) times the model's price in the runtime's {@link PriceTable}. Exact: nothing is
 * rounded.
 *
 * <pre>{@code
 * LlmResponse<String> r = assistant.summarize(text);
 * if (r.cost() != null) {
 *   log.info("{} tokens, ${}", r.usage().totalTokens(), r.cost().total());
 * }
 * }</pre>
 *
 * @param input what the input (prompt) tokens cost, in USD
 * @param output what the output (generated) tokens cost, in USD
 */
public record Cost(BigDecimal input, BigDecimal output) {
  /** Nothing. */
  public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO);

  public Cost {
    Objects.requireNonNull(input, "input == null");
    Objects.requireNonNull(output, "output == null");
    if (input.signum() < 0 || output.signum() < 0) {
      throw new IllegalArgumentException("cost must be >= 0: " + input + ", " + output);
    }
  }

  /** Input plus output, in USD. */
  public BigDecimal total() {
    return input.add(output);
  }

  /** Both parts added. */
  public Cost plus(Cost other) {
    return other == null ? this : new Cost(input.add(other.input), output.add(other.output));
  }

  @Override
  public String toString() {
    return "USD " + total().stripTrailingZeros().toPlainString();
  }
}
