package dev.llmcall.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmcall.runtime.internal.provider.Json;
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
import java.util.concurrent.ConcurrentHashMap;
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

  /** How many model names {@link #price} remembers its answer for; later ones are looked up. */
  private static final int REMEMBERED = 64;

  private final LocalDate asOf;
  private final Map<String, ModelPrice> prices;
  /**
   * {@link #price}'s answers by the name asked: a call asks for the model that answered, whose
   * dated name would go through the date suffix's regex each time. Bounded, since the names come
   * from providers' responses.
   */
  private final Map<String, Optional<ModelPrice>> found = new ConcurrentHashMap<>();

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
        t = read(in.readAllBytes());
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
    if (model == null) {
      return Optional.empty();
    }
    Optional<ModelPrice> known = found.get(model);
    if (known == null) {
      known = lookUp(model);
      if (found.size() < REMEMBERED) {
        found.put(model, known);
      }
    }
    return known;
  }

  private Optional<ModelPrice> lookUp(String model) {
    if (model.isBlank()) {
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
  /**
   * Reads a table in the shipped format, {@code {"asOf": "2025-10-15", "models": {"gpt-4o":
   * {"input": "2.50", "output": "10.00"}, ...}}}, prices as strings or numbers. With Jackson's
   * streaming parser: the runtime starts without loading data binding.
   *
   * @throws IOException if the text is not JSON
   * @throws IllegalArgumentException if a model lacks a price
   */
  static PriceTable read(byte[] json) throws IOException {
    LocalDate asOf = null;
    TreeMap<String, ModelPrice> prices = new TreeMap<>();
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a price table is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("asOf".equals(field) && value == JsonToken.VALUE_STRING) {
          asOf = LocalDate.parse(p.getText());
        } else if ("models".equals(field) && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String model = p.currentName();
            p.nextToken();
            prices.put(key(model), price(p, model));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new PriceTable(asOf, prices);
  }

  /** One model's {@code {"input": ..., "output": ...}}, the parser on its start. */
  private static ModelPrice price(JsonParser p, String model) throws IOException {
    String input = null;
    String output = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        boolean scalar = value == JsonToken.VALUE_STRING || value.isNumeric();
        if ("input".equals(field) && scalar) {
          input = p.getText();
        } else if ("output".equals(field) && scalar) {
          output = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    if (input == null || output == null) {
      throw new IllegalArgumentException(
          "price of " + model + " has no " + (input == null ? "input" : "output"));
    }
    return new ModelPrice(new BigDecimal(input), new BigDecimal(output));
  }
}
