package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.StructuredType.Container;
import dev.llmcall.processor.StructuredType.ContainerKind;
import dev.llmcall.processor.StructuredType.EnumType;
import dev.llmcall.processor.StructuredType.RecordType;
import dev.llmcall.processor.StructuredType.Scalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the JSON schema of a structured result at compile time (#6), as compact JSON text in a
 * fixed order. The schema is strict, as OpenAI's strict mode and Anthropic's tool input want it:
 * every object lists all its properties as required and allows no others, optional values are
 * nullable instead of missing, and the root is an object. For
 * {@code record Person(String name, Optional<Integer> age)}:
 *
 * <pre>{@code
 * {"type":"object","properties":{"name":{"type":"string"},"age":{"type":["integer","null"]}},
 *  "required":["name","age"],"additionalProperties":false}
 * }</pre>
 *
 * <p>An enum or list result is wrapped as the property {@code value} of an object. A record
 * used in one place is inline; one used in several is written once under the root's
 * {@code $defs} and referred to as {@code {"$ref":"#/$defs/Address"}}, so that the schema grows
 * with the number of records, not with the number of paths to them (#15). Both providers take
 * local references; OpenAI's strict mode takes no keyword beside {@code $ref}, so a described
 * reference is {@code {"description":"...","anyOf":[{"$ref":"..."}]}}.
 */
final class SchemaWriter {
  /** JSON Schema's date-time needs an offset, which a LocalDateTime has not; so it is described. */
  static final String LOCAL_DATE_TIME = "ISO-8601 local date-time, e.g. 2025-01-31T09:30:00";
  /** The one property of the object an enum or list result is wrapped in. */
  static final String WRAPPED = "value";

  private static final String DEFS = "$defs";

  private final ClientModel client;
  /** The records referred to from more than one place, each with its name under $defs. */
  private final Map<ClassName, String> shared = new LinkedHashMap<>();
  private final Map<String, Object> definitions = new LinkedHashMap<>();

  /**
   * @param roots the types the schema's root holds
   * @param rootsCount whether each root is a use of its records (a tool's parameters), or the
   *     root is the record itself or its wrapper
   */
  private SchemaWriter(ClientModel client, List<StructuredType> roots, boolean rootsCount) {
    this.client = client;
    Map<ClassName, Integer> uses = new HashMap<>();
    if (rootsCount) {
      roots.forEach(t -> t.records().forEach(r -> uses.merge(r, 1, Integer::sum)));
    }
    for (RecordModel record : client.recordsUsedBy(roots)) {
      for (Component component : record.components()) {
        component.type().records().forEach(r -> uses.merge(r, 1, Integer::sum));
      }
    }
    Set<String> names = new HashSet<>();
    for (RecordModel record : client.recordsUsedBy(roots)) {
      if (uses.getOrDefault(record.type(), 0) > 1) {
        String name = record.type().simpleName();
        for (int n = 2; !names.add(name); n++) {
          name = record.type().simpleName() + "_" + n;
        }
        shared.put(record.type(), name);
      }
    }
  }

  /** The schema of the result {@code root}, as JSON text. */
  static String write(ClientModel client, StructuredType root) {
    SchemaWriter writer = new SchemaWriter(client, List.of(root), false);
    return writer.text(root instanceof RecordType record
        ? writer.record(client.record(record.type()))
        : object(Optional.empty(), Map.of(WRAPPED, writer.schema(root))));
  }

  /**
   * The schema of a tool's arguments (#12): an object with one property per parameter, written
   * as a record's components are.
   */
  static String tool(ClientModel client, List<Component> params) {
    SchemaWriter writer =
        new SchemaWriter(client, params.stream().map(Component::type).toList(), true);
    return writer.text(object(Optional.empty(), writer.properties(params)));
  }

  /** {@code schema} as JSON text, with the shared records under {@code $defs}. */
  private String text(Map<String, Object> schema) {
    if (!definitions.isEmpty()) {
      // Written in the order records are first referred to; a definition may refer to others.
      Map<String, Object> defs = new LinkedHashMap<>();
      shared.values().forEach(name -> defs.put(name, definitions.get(name)));
      schema.put(DEFS, defs);
    }
    StringBuilder out = new StringBuilder();
    json(schema, out);
    return out.toString();
  }

  /** The schema name providers want, {@code [A-Za-z0-9_-]{1,64}}: {@code PersonList}. */
  static String name(StructuredType root) {
    String name = root.label().replaceAll("[^A-Za-z0-9_-]", "_");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  private Map<String, Object> schema(StructuredType type) {
    if (type instanceof Scalar scalar) {
      return scalar(scalar);
    } else if (type instanceof EnumType enumType) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "string");
      enumType.description().ifPresent(d -> schema.put("description", d));
      schema.put("enum", enumType.constants());
      return schema;
    } else if (type instanceof RecordType record) {
      String name = shared.get(record.type());
      if (name == null) {
        return record(client.record(record.type()));
      }
      if (!definitions.containsKey(name)) {
        definitions.put(name, Map.of());   // taken before its components are written
        definitions.put(name, record(client.record(record.type())));
      }
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("$ref", "#/" + DEFS + "/" + name);
      return reference;
    } else if (type instanceof Container container) {
      return container(container);
    }
    throw new IllegalStateException("no schema for " + type);
  }

  private static Map<String, Object> scalar(Scalar scalar) {
    Map<String, Object> schema = new LinkedHashMap<>();
    switch (scalar.kind()) {
      case BOOLEAN -> schema.put("type", "boolean");
      case INT, LONG -> schema.put("type", "integer");
      case DOUBLE, DECIMAL -> schema.put("type", "number");
      case CHAR -> {
        // OpenAI's strict mode takes pattern and format on strings, not minLength/maxLength.
        schema.put("type", "string");
        schema.put("pattern", "^[\\s\\S]$");
      }
      case DATE -> {
        schema.put("type", "string");
        schema.put("format", "date");
      }
      case DATE_TIME -> {
        schema.put("type", "string");
        schema.put("description", LOCAL_DATE_TIME);
      }
      case INSTANT -> {
        schema.put("type", "string");
        schema.put("format", "date-time");
      }
      case STRING -> schema.put("type", "string");
    }
    return schema;
  }

  private Map<String, Object> container(Container container) {
    Map<String, Object> element = schema(container.element());
    if (container.kind() == ContainerKind.OPTIONAL) {
      return nullable(element);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "array");
    if (container.kind() == ContainerKind.MAP) {
      // Strict schemas allow no free-form keys, so a map is a list of entries.
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", Map.of("type", "string"));
      entry.put("value", element);
      schema.put("items", object(Optional.empty(), entry));
    } else {
      schema.put("items", element);
    }
    return schema;
  }

  private Map<String, Object> record(RecordModel record) {
    return object(record.description(), properties(record.components()));
  }

  private Map<String, Object> properties(List<Component> components) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Component component : components) {
      Map<String, Object> property = schema(component.type());
      if (component.nullable() && !isOptional(component)) {
        property = nullable(property);
      }
      if (component.description().isPresent()) {
        property = described(property, component.description().get());
      }
      properties.put(component.name(), property);
    }
    return properties;
  }

  private static boolean isOptional(Component component) {
    return component.type() instanceof Container c && c.kind() == ContainerKind.OPTIONAL;
  }

  private static Map<String, Object> object(
      Optional<String> description, Map<String, Object> properties) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    description.ifPresent(d -> schema.put("description", d));
    schema.put("properties", properties);
    schema.put("required", new ArrayList<>(properties.keySet()));
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * A simple scalar gets {@code "type":["string","null"]}; an object, array or enum, whose
   * other keywords would reject null, is wrapped in {@code anyOf}.
   */
  private static Map<String, Object> nullable(Map<String, Object> schema) {
    Object type = schema.get("type");
    if (type instanceof String name && !name.equals("object") && !name.equals("array")
        && !schema.containsKey("enum")) {
      Map<String, Object> copy = new LinkedHashMap<>(schema);
      copy.put("type", List.of(name, "null"));
      return copy;
    }
    Map<String, Object> anyOf = new LinkedHashMap<>();
    anyOf.put("anyOf", List.of(schema, Map.of("type", "null")));
    return anyOf;
  }

  /**
   * The component's description goes on its property, after {@code type}, in place of the
   * type's own; the local date-time hint is kept, since it says how to write the value.
   */
  private static Map<String, Object> described(Map<String, Object> schema, String description) {
    if (schema.containsKey("$ref")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("description", description);
      out.put("anyOf", List.of(schema));
      return out;
    }
    String text = LOCAL_DATE_TIME.equals(schema.get("description"))
        ? description + " (" + LOCAL_DATE_TIME + ")"
        : description;
    Map<String, Object> out = new LinkedHashMap<>();
    if (schema.containsKey("type")) {
      out.put("type", schema.get("type"));
    }
    out.put("description", text);
    schema.forEach(out::putIfAbsent);
    return out;
  }

  /** Writes maps, lists, strings, numbers, booleans and null as compact JSON. */
  private static void json(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        string((String) entry.getKey(), out);
        out.append(':');
        json(entry.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        json(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String s) {
      string(s, out);
    } else {
      out.append(value);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
