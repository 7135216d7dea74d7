package dev.llmcall.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * List prices per model, in US dollars per million tokens, for {@link LlmResponse#cost()} and
 * {@link LlmException#cost()}. The built-in table is a dated snapshot of the providers' published
 * prices (see {@link #asOf()}); prices change, so override what you rely on:
 *
 * <pre>{@code
 * LlmRuntime runtime = LlmRuntime.builder()
 *     .price("gpt-4o", ModelPrice.perMillion("2.50", "10.00"))     // add or replace one model
 *     .build();
 * LlmRuntime noCosts = LlmRuntime.builder().prices(PriceTable.empty()).build();
 * }</pre>
 *
 * A model is found by its name, lower-cased, or without a date suffix: {@code gpt-4o-2024-08-06}
 * and {@code claude-sonnet-4-5-20250929} have the prices of {@code gpt-4o} and {@code
 * claude-sonnet-4-5} unless the table names the dated model itself. Immutable.
 */
public final class PriceTable {
  private static final String RESOURCE = "prices.json";
  /** {@code -2024-08-06} or {@code -20250929} at the end of a model name. */
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
  private static final PriceTable EMPTY = new PriceTable(null, new TreeMap<>());
  private static volatile PriceTable builtIn;

  private final LocalDate asOf;
  private final Map<String, ModelPrice> prices;

  private PriceTable(LocalDate asOf, TreeMap<String, ModelPrice> prices) {
    this.asOf = asOf;
    this.prices = Collections.unmodifiableMap(prices);
  }

  /** No prices: every cost is absent. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * The table shipped in the runtime jar ({@code dev/llmcall/runtime/prices.json}): a snapshot of
   * list prices for some current OpenAI, Anthropic and xAI models, dated {@link #asOf()}.
   */
  public static PriceTable builtIn() {
    PriceTable t = builtIn;
    if (t == null) {
      try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the runtime jar has no " + RESOURCE);
        }
        t = read(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the built-in " + RESOURCE, e);
      }
      builtIn = t;
    }
    return t;
  }

  /** A table of these prices, dated {@code asOf} ({@code null} if unknown). */
  public static PriceTable of(LocalDate asOf, Map<String, ModelPrice> prices) {
    Objects.requireNonNull(prices, "prices == null");
    TreeMap<String, ModelPrice> copy = new TreeMap<>();
    prices.forEach((model, price) -> copy.put(key(model), Objects.requireNonNull(price, "price == null")));
    return new PriceTable(asOf, copy);
  }

  /** This table with {@code model}'s price added or replaced. */
  public PriceTable with(String model, ModelPrice price) {
    TreeMap<String, ModelPrice> copy = new TreeMap<>(prices);
    copy.put(key(model), Objects.requireNonNull(price, "price == null"));
    return new PriceTable(asOf, copy);
  }

  /** The date the prices were taken from the providers' pricing pages, if known. */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Every model's price, by lower-cased model name, sorted. */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  /** The price of {@code model}, or of its name without a date suffix; empty if unknown. */
  public Optional<ModelPrice> price(String model) {
    if (model == null || model.isBlank()) {
      return Optional.empty();
    }
    String k = model.strip().toLowerCase(Locale.ROOT);
    ModelPrice p = prices.get(k);
    if (p == null) {
      String undated = DATE_SUFFIX.matcher(k).replaceFirst("");
      p = undated.equals(k) ? null : prices.get(undated);
    }
    return Optional.ofNullable(p);
  }

  /** What {@code usage} of {@code model} costs; empty if the model's price is unknown. */
  public Optional<Cost> cost(String model, Usage usage) {
    Objects.requireNonNull(usage, "usage == null");
    return price(model).map(p -> p.cost(usage));
  }

  @Override
  public String toString() {
    return "PriceTable{asOf=" + asOf + ", models=" + prices.keySet() + "}";
  }

  private static String key(String model) {
    Objects.requireNonNull(model, "model == null");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model is blank");
    }
    return model.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code {"asOf": "2025-10-01", "models": {"gpt-4o": {"input": "2.50", "output":
   * "10.00"}}}}; prices are decimal strings (or numbers), USD per million tokens.
   */
  static PriceTable read(JsonNode root) {
    JsonNode date = root.path("asOf");
    LocalDate asOf = date.isTextual() ? LocalDate.parse(date.asText()) : null;
    TreeMap<String, ModelPrice> prices = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("models").properties()) {
      prices.put(key(e.getKey()),
          new ModelPrice(decimal(e.getValue(), "input", e.getKey()), decimal(e.getValue(), "output", e.getKey())));
    }
    return new PriceTable(asOf, prices);
  }

  private static BigDecimal decimal(JsonNode price, String field, String model) {
    JsonNode n = price.path(field);
    if (!n.isTextual() && !n.isNumber()) {
      throw new IllegalArgumentException("price of " + model + " has no " + field);
    }
    return new BigDecimal(n.asText());
  }
}
