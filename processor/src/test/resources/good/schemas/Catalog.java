package com.example;

import dev.llmcall.annotations.Description;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every structured type in one schema (#6). */
@LlmClient(provider = "anthropic", model = "claude-sonnet-4-5")
public interface Catalog {

  @Description("A product in the catalog")
  record Product(
      String sku,
      @Description("Price in euros") BigDecimal price,
      boolean inStock,
      Integer stock,
      long views,
      Double rating,
      char grade,
      LocalDate released,
      @Description("When it was last restocked") LocalDateTime restocked,
      Instant updated,
      Set<Category> categories,
      Map<String, Integer> inventory,
      Map<String, List<Variant>> variants,
      Optional<String> note,
      Optional<Category> mainCategory,
      Optional<List<String>> aliases,
      @Description("The variant to show first") Optional<Variant> featured,
      @Nullable String vendor,
      @Nullable Variant fallback,
      List<List<Integer>> grid) {}

  record Variant(String name, Optional<LocalDate> until, Character size) {}

  @Description("Where a product is shelved")
  enum Category { BOOKS, TOYS, FOOD }

  @interface Nullable {}

  @LlmCall(prompt = "Describe {text} as a product")
  Product product(String text);

  @LlmCall(prompt = "List the products in {text}")
  List<Product> products(String text);

  @LlmCall(prompt = "Which category is {text}?")
  Category category(String text);
}
