package com.example;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.JsonWriting;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.io.IOException;
import java.lang.Integer;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link Shop}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmShop implements Shop {
  private static final CallSite CHECK = CallSite.of("Shop.check", "openai", "gpt-4o-mini");

  private static final CallSite COMPARE = CallSite.of("Shop.compare", "openai", "gpt-4o-mini");

  private static final CallSite FIX = CallSite.of("Shop.fix", "openai", "gpt-4o-mini");

  private static final StructuredOutput<Shop.Order> ORDER_OUTPUT = StructuredOutput.of("Order",
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"customer\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"email\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"name\",\"email\"],\"additionalProperties\":false},\"lines\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\"},\"price\":{\"type\":\"number\"}},\"required\":[\"sku\",\"quantity\",\"price\"],\"additionalProperties\":false}},\"discounts\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"number\"}},\"required\":[\"key\",\"value\"],\"additionalProperties\":false}},\"note\":{\"type\":[\"string\",\"null\"]},\"status\":{\"type\":\"string\",\"enum\":[\"OPEN\",\"SHIPPED\"]},\"placed\":{\"type\":\"string\",\"format\":\"date\"},\"priority\":{\"type\":\"integer\"},\"grade\":{\"type\":\"string\",\"pattern\":\"^[\\\\s\\\\S]$\"},\"paid\":{\"type\":\"boolean\"},\"history\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"OPEN\",\"SHIPPED\"]}}},\"required\":[\"id\",\"customer\",\"lines\",\"discounts\",\"note\",\"status\",\"placed\",\"priority\",\"grade\",\"paid\",\"history\"],\"additionalProperties\":false}",
      LlmShop::decodeOrder);

  private final BoundCall check;

  private final BoundCall compare;

  private final BoundCall fix;

  public LlmShop(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.check = runtime.bind(CHECK);
    this.compare = runtime.bind(COMPARE);
    this.fix = runtime.bind(FIX);
  }

  public static Shop create(LlmRuntime runtime) {
    return new LlmShop(runtime);
  }

  @Override
  public String check(Shop.Order order) {
    Objects.requireNonNull(order, "order == null");
    return this.check.text(null, "Check this order: " + JsonWriting.toJson(order, LlmShop::encodeOrder));
  }

  @Override
  public String compare(List<Shop.Order> orders, Map<String, Shop.Customer> customers,
      Set<String> tags, Shop.Status status) {
    Objects.requireNonNull(orders, "orders == null");
    Objects.requireNonNull(customers, "customers == null");
    Objects.requireNonNull(tags, "tags == null");
    Objects.requireNonNull(status, "status == null");
    return this.compare.text(null, "Compare " + JsonWriting.toJson(orders, LlmShop::encodeOrderList) + " for " + JsonWriting.toJson(customers, LlmShop::encodeCustomerMap) + "; tags " + JsonWriting.toJson(tags, LlmShop::encodeStringSet) + "; status " + status);
  }

  @Override
  public Shop.Order fix(Shop.Order order, @Shop.Nullable Shop.Customer customer) {
    Objects.requireNonNull(order, "order == null");
    return this.fix.structured("You fix orders for " + JsonWriting.toJson(customer, LlmShop::encodeCustomer) + ".", "Fix " + JsonWriting.toJson(order, LlmShop::encodeOrder), ORDER_OUTPUT).value();
  }

  private static Shop.Order decodeOrder(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "id", "customer", "lines", "discounts", "note", "status", "placed", "priority", "grade", "paid", "history")) {
      return null;
    }
    String id = JsonFields.string(node.get("id"), path + ".id", v);
    Shop.Customer customer = decodeCustomer(node.get("customer"), path + ".customer", v);
    List<Shop.Line> lines = JsonFields.list(node.get("lines"), path + ".lines", v, LlmShop::decodeLine);
    Map<String, BigDecimal> discounts = JsonFields.map(node.get("discounts"), path + ".discounts", v, JsonFields::decimal);
    Optional<String> note = JsonFields.optional(node.get("note"), path + ".note", v, JsonFields::string);
    Shop.Status status = JsonFields.enumValue(node.get("status"), path + ".status", v, Shop.Status.values());
    LocalDate placed = JsonFields.date(node.get("placed"), path + ".placed", v);
    Integer priority = JsonFields.int32(node.get("priority"), path + ".priority", v);
    char grade = JsonFields.character(node.get("grade"), path + ".grade", v);
    boolean paid = JsonFields.bool(node.get("paid"), path + ".paid", v);
    Set<Shop.Status> history = JsonFields.set(node.get("history"), path + ".history", v, (n, p, vv) -> JsonFields.enumValue(n, p, vv, Shop.Status.values()));
    return v.isEmpty() ? new Shop.Order(id, customer, lines, discounts, note, status, placed, priority, grade, paid, history) : null;
  }

  private static Shop.Customer decodeCustomer(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "name", "email")) {
      return null;
    }
    String name = JsonFields.string(node.get("name"), path + ".name", v);
    String email = JsonFields.nullable(node.get("email"), path + ".email", v, JsonFields::string);
    return v.isEmpty() ? new Shop.Customer(name, email) : null;
  }

  private static Shop.Line decodeLine(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "sku", "quantity", "price")) {
      return null;
    }
    String sku = JsonFields.string(node.get("sku"), path + ".sku", v);
    int quantity = JsonFields.int32(node.get("quantity"), path + ".quantity", v);
    BigDecimal price = JsonFields.decimal(node.get("price"), path + ".price", v);
    return v.isEmpty() ? new Shop.Line(sku, quantity, price) : null;
  }

  private static void encodeOrderList(JsonGenerator g, List<Shop.Order> value) throws IOException {
    g.writeStartArray();
    for (Shop.Order item : value) {
      encodeOrder(g, item);
    }
    g.writeEndArray();
  }

  private static void encodeCustomerMap(JsonGenerator g, Map<String, Shop.Customer> value) throws
      IOException {
    g.writeStartObject();
    for (Map.Entry<String, Shop.Customer> entry : value.entrySet()) {
      g.writeFieldName(entry.getKey());
      encodeCustomer(g, entry.getValue());
    }
    g.writeEndObject();
  }

  private static void encodeStringSet(JsonGenerator g, Set<String> value) throws IOException {
    g.writeStartArray();
    for (String item : value) {
      g.writeString(item);
    }
    g.writeEndArray();
  }

  private static void encodeOrder(JsonGenerator g, Shop.Order value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("id", value.id());
    g.writeFieldName("customer");
    encodeCustomer(g, value.customer());
    g.writeFieldName("lines");
    List<Shop.Line> lines = value.lines();
    if (lines == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Shop.Line item : lines) {
        encodeLine(g, item);
      }
      g.writeEndArray();
    }
    g.writeFieldName("discounts");
    Map<String, BigDecimal> discounts = value.discounts();
    if (discounts == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      for (Map.Entry<String, BigDecimal> entry : discounts.entrySet()) {
        g.writeFieldName(entry.getKey());
        g.writeNumber(entry.getValue());
      }
      g.writeEndObject();
    }
    g.writeFieldName("note");
    Optional<String> note = value.note();
    if (note != null && note.isPresent()) {
      g.writeString(note.get());
    } else {
      g.writeNull();
    }
    g.writeFieldName("status");
    Shop.Status status = value.status();
    if (status == null) {
      g.writeNull();
    } else {
      g.writeString(status.name());
    }
    g.writeFieldName("placed");
    LocalDate placed = value.placed();
    if (placed == null) {
      g.writeNull();
    } else {
      g.writeString(placed.toString());
    }
    g.writeFieldName("priority");
    Integer priority = value.priority();
    if (priority == null) {
      g.writeNull();
    } else {
      g.writeNumber(priority);
    }
    g.writeStringField("grade", String.valueOf(value.grade()));
    g.writeBooleanField("paid", value.paid());
    g.writeFieldName("history");
    Set<Shop.Status> history = value.history();
    if (history == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Shop.Status item : history) {
        if (item == null) {
          g.writeNull();
        } else {
          g.writeString(item.name());
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void encodeCustomer(JsonGenerator g, Shop.Customer value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", value.name());
    g.writeStringField("email", value.email());
    g.writeEndObject();
  }

  private static void encodeLine(JsonGenerator g, Shop.Line value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("sku", value.sku());
    g.writeNumberField("quantity", value.quantity());
    g.writeNumberField("price", value.price());
    g.writeEndObject();
  }
}
