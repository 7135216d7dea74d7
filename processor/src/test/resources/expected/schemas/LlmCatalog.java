package com.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.lang.Character;
import java.lang.Double;
import java.lang.Integer;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Catalog}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmCatalog implements Catalog {
  private static final CallSite PRODUCT = CallSite.of("Catalog.product", "anthropic", "claude-sonnet-4-5");

  private static final CallSite PRODUCTS = CallSite.of("Catalog.products", "anthropic", "claude-sonnet-4-5");

  private static final CallSite CATEGORY = CallSite.of("Catalog.category", "anthropic", "claude-sonnet-4-5");

  private static final StructuredOutput<Catalog.Product> PRODUCT_OUTPUT = StructuredOutput.of("Product",
      "{\"type\":\"object\",\"description\":\"A product in the catalog\",\"properties\":{\"sku\":{\"type\":\"string\"},\"price\":{\"type\":\"number\",\"description\":\"Price in euros\"},\"inStock\":{\"type\":\"boolean\"},\"stock\":{\"type\":\"integer\"},\"views\":{\"type\":\"integer\"},\"rating\":{\"type\":\"number\"},\"grade\":{\"type\":\"string\",\"pattern\":\"^[\\\\s\\\\S]$\"},\"released\":{\"type\":\"string\",\"format\":\"date\"},\"restocked\":{\"type\":\"string\",\"description\":\"When it was last restocked (ISO-8601 local date-time, e.g. 2025-01-31T09:30:00)\"},\"updated\":{\"type\":\"string\",\"format\":\"date-time\"},\"categories\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"description\":\"Where a product is shelved\",\"enum\":[\"BOOKS\",\"TOYS\",\"FOOD\"]}},\"inventory\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"integer\"}},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}},\"variants\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Variant\"}}},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}},\"note\":{\"type\":[\"string\",\"null\"]},\"mainCategory\":{\"anyOf\":[{\"type\":\"string\",\"description\":\"Where a product is shelved\",\"enum\":[\"BOOKS\",\"TOYS\",\"FOOD\"]},{\"type\":\"null\"}]},\"aliases\":{\"anyOf\":[{\"type\":\"array\",\"items\":{\"type\":\"string\"}},{\"type\":\"null\"}]},\"featured\":{\"description\":\"The variant to show first\",\"anyOf\":[{\"$ref\":\"#/$defs/Variant\"},{\"type\":\"null\"}]},\"vendor\":{\"type\":[\"string\",\"null\"]},\"fallback\":{\"anyOf\":[{\"$ref\":\"#/$defs/Variant\"},{\"type\":\"null\"}]},\"grid\":{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}}},\"required\":[\"sku\",\"price\",\"inStock\",\"stock\",\"views\",\"rating\",\"grade\",\"released\",\"restocked\",\"updated\",\"categories\",\"inventory\",\"variants\",\"note\",\"mainCategory\",\"aliases\",\"featured\",\"vendor\",\"fallback\",\"grid\"],\"additionalProperties\":false,\"$defs\":{\"Variant\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"until\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},\"size\":{\"type\":\"string\",\"pattern\":\"^[\\\\s\\\\S]$\"}},\"required\":[\"name\",\"until\",\"size\"],\"additionalProperties\":false}}}",
      LlmCatalog::decodeProduct);

  private static final StructuredOutput<List<Catalog.Product>> PRODUCT_LIST_OUTPUT = StructuredOutput.of("ProductList",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"description\":\"A product in the catalog\",\"properties\":{\"sku\":{\"type\":\"string\"},\"price\":{\"type\":\"number\",\"description\":\"Price in euros\"},\"inStock\":{\"type\":\"boolean\"},\"stock\":{\"type\":\"integer\"},\"views\":{\"type\":\"integer\"},\"rating\":{\"type\":\"number\"},\"grade\":{\"type\":\"string\",\"pattern\":\"^[\\\\s\\\\S]$\"},\"released\":{\"type\":\"string\",\"format\":\"date\"},\"restocked\":{\"type\":\"string\",\"description\":\"When it was last restocked (ISO-8601 local date-time, e.g. 2025-01-31T09:30:00)\"},\"updated\":{\"type\":\"string\",\"format\":\"date-time\"},\"categories\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"description\":\"Where a product is shelved\",\"enum\":[\"BOOKS\",\"TOYS\",\"FOOD\"]}},\"inventory\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"integer\"}},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}},\"variants\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Variant\"}}},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}},\"note\":{\"type\":[\"string\",\"null\"]},\"mainCategory\":{\"anyOf\":[{\"type\":\"string\",\"description\":\"Where a product is shelved\",\"enum\":[\"BOOKS\",\"TOYS\",\"FOOD\"]},{\"type\":\"null\"}]},\"aliases\":{\"anyOf\":[{\"type\":\"array\",\"items\":{\"type\":\"string\"}},{\"type\":\"null\"}]},\"featured\":{\"description\":\"The variant to show first\",\"anyOf\":[{\"$ref\":\"#/$defs/Variant\"},{\"type\":\"null\"}]},\"vendor\":{\"type\":[\"string\",\"null\"]},\"fallback\":{\"anyOf\":[{\"$ref\":\"#/$defs/Variant\"},{\"type\":\"null\"}]},\"grid\":{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}}},\"required\":[\"sku\",\"price\",\"inStock\",\"stock\",\"views\",\"rating\",\"grade\",\"released\",\"restocked\",\"updated\",\"categories\",\"inventory\",\"variants\",\"note\",\"mainCategory\",\"aliases\",\"featured\",\"vendor\",\"fallback\",\"grid\"],\"additionalProperties\":false}}},\"required\":[\"value\"],\"additionalProperties\":false,\"$defs\":{\"Variant\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"until\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},\"size\":{\"type\":\"string\",\"pattern\":\"^[\\\\s\\\\S]$\"}},\"required\":[\"name\",\"until\",\"size\"],\"additionalProperties\":false}}}",
      LlmCatalog::decodeProductListRoot);

  private static final StructuredOutput<Catalog.Category> CATEGORY_OUTPUT = StructuredOutput.of("Category",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"string\",\"description\":\"Where a product is shelved\",\"enum\":[\"BOOKS\",\"TOYS\",\"FOOD\"]}},\"required\":[\"value\"],\"additionalProperties\":false}",
      LlmCatalog::decodeCategoryRoot);

  private final BoundCall product;

  private final BoundCall products;

  private final BoundCall category;

  public LlmCatalog(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.product = runtime.bind(PRODUCT);
    this.products = runtime.bind(PRODUCTS);
    this.category = runtime.bind(CATEGORY);
  }

  public static Catalog create(LlmRuntime runtime) {
    return new LlmCatalog(runtime);
  }

  @Override
  public Catalog.Product product(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.product.structured(null, "Describe " + text + " as a product", PRODUCT_OUTPUT).value();
  }

  @Override
  public List<Catalog.Product> products(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.products.structured(null, "List the products in " + text, PRODUCT_LIST_OUTPUT).value();
  }

  @Override
  public Catalog.Category category(String text) {
    Objects.requireNonNull(text, "text == null");
    return this.category.structured(null, "Which category is " + text + "?", CATEGORY_OUTPUT).value();
  }

  private static List<Catalog.Product> decodeProductListRoot(JsonNode node, String path,
      Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    List<Catalog.Product> value = JsonFields.list(node.get("value"), path + ".value", v, LlmCatalog::decodeProduct);
    return v.isEmpty() ? value : null;
  }

  private static Catalog.Category decodeCategoryRoot(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    Catalog.Category value = JsonFields.enumValue(node.get("value"), path + ".value", v, Catalog.Category.values());
    return v.isEmpty() ? value : null;
  }

  private static Catalog.Product decodeProduct(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "sku", "price", "inStock", "stock", "views", "rating", "grade", "released", "restocked", "updated", "categories", "inventory", "variants", "note", "mainCategory", "aliases", "featured", "vendor", "fallback", "grid")) {
      return null;
    }
    String sku = JsonFields.string(node.get("sku"), path + ".sku", v);
    BigDecimal price = JsonFields.decimal(node.get("price"), path + ".price", v);
    boolean inStock = JsonFields.bool(node.get("inStock"), path + ".inStock", v);
    Integer stock = JsonFields.int32(node.get("stock"), path + ".stock", v);
    long views = JsonFields.int64(node.get("views"), path + ".views", v);
    Double rating = JsonFields.float64(node.get("rating"), path + ".rating", v);
    char grade = JsonFields.character(node.get("grade"), path + ".grade", v);
    LocalDate released = JsonFields.date(node.get("released"), path + ".released", v);
    LocalDateTime restocked = JsonFields.dateTime(node.get("restocked"), path + ".restocked", v);
    Instant updated = JsonFields.instant(node.get("updated"), path + ".updated", v);
    Set<Catalog.Category> categories = JsonFields.set(node.get("categories"), path + ".categories", v, (n, p, vv) -> JsonFields.enumValue(n, p, vv, Catalog.Category.values()));
    Map<String, Integer> inventory = JsonFields.map(node.get("inventory"), path + ".inventory", v, JsonFields::int32);
    Map<String, List<Catalog.Variant>> variants = JsonFields.map(node.get("variants"), path + ".variants", v, (n, p, vv) -> JsonFields.list(n, p, vv, LlmCatalog::decodeVariant));
    Optional<String> note = JsonFields.optional(node.get("note"), path + ".note", v, JsonFields::string);
    Optional<Catalog.Category> mainCategory = JsonFields.optional(node.get("mainCategory"), path + ".mainCategory", v, (n, p, vv) -> JsonFields.enumValue(n, p, vv, Catalog.Category.values()));
    Optional<List<String>> aliases = JsonFields.optional(node.get("aliases"), path + ".aliases", v, (n, p, vv) -> JsonFields.list(n, p, vv, JsonFields::string));
    Optional<Catalog.Variant> featured = JsonFields.optional(node.get("featured"), path + ".featured", v, LlmCatalog::decodeVariant);
    String vendor = JsonFields.nullable(node.get("vendor"), path + ".vendor", v, JsonFields::string);
    Catalog.Variant fallback = JsonFields.nullable(node.get("fallback"), path + ".fallback", v, LlmCatalog::decodeVariant);
    List<List<Integer>> grid = JsonFields.list(node.get("grid"), path + ".grid", v, (n, p, vv) -> JsonFields.list(n, p, vv, JsonFields::int32));
    return v.isEmpty() ? new Catalog.Product(sku, price, inStock, stock, views, rating, grade, released, restocked, updated, categories, inventory, variants, note, mainCategory, aliases, featured, vendor, fallback, grid) : null;
  }

  private static Catalog.Variant decodeVariant(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "name", "until", "size")) {
      return null;
    }
    String name = JsonFields.string(node.get("name"), path + ".name", v);
    Optional<LocalDate> until = JsonFields.optional(node.get("until"), path + ".until", v, JsonFields::date);
    Character size = JsonFields.character(node.get("size"), path + ".size", v);
    return v.isEmpty() ? new Catalog.Variant(name, until, size) : null;
  }
}
