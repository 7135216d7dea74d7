package com.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Records and collections rendered into prompts as JSON (#6). */
@LlmClient(provider = "openai", model = "gpt-4o-mini")
public interface Shop {

  record Order(
      String id,
      Customer customer,
      List<Line> lines,
      Map<String, BigDecimal> discounts,
      Optional<String> note,
      Status status,
      LocalDate placed,
      Integer priority,
      char grade,
      boolean paid,
      Set<Status> history) {}

  record Customer(String name, @Nullable String email) {}

  record Line(String sku, int quantity, BigDecimal price) {}

  enum Status { OPEN, SHIPPED }

  @interface Nullable {}

  @LlmCall(prompt = "Check this order: {order}")
  String check(Order order);

  @LlmCall(prompt = "Compare {orders} for {customers}; tags {tags}; status {status}")
  String compare(List<Order> orders, Map<String, Customer> customers, Set<String> tags,
      Status status);

  /** A record both ways: an encoder and a decoder. */
  @LlmCall(prompt = "Fix {order}", system = "You fix orders for {customer}.")
  Order fix(Order order, @Nullable Customer customer);
}
