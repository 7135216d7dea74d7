package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.CodecWriter.Locals;
import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.StructuredType.Container;
import dev.llmcall.processor.StructuredType.ContainerKind;
import dev.llmcall.processor.StructuredType.EnumType;
import dev.llmcall.processor.StructuredType.RecordType;
import dev.llmcall.processor.StructuredType.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes the decoders of structured results (#6): per record, a straight line of
 * {@code JsonFields} reads, each reporting what is wrong to the {@code Violations}, then the
 * record if nothing was wrong anywhere. Sample output:
 *
 * <pre>{@code
 * private static Person decodePerson(JsonNode node, String path, Violations v) {
 *   if (!JsonFields.object(node, path, v, "name", "tags")) {
 *     return null;
 *   }
 *   String name = JsonFields.string(node.get("name"), path + ".name", v);
 *   List<Color> tags = JsonFields.list(node.get("tags"), path + ".tags", v,
 *       (n, p, vv) -> JsonFields.enumValue(n, p, vv, Color.values()));
 *   return v.isEmpty() ? new Person(name, tags) : null;
 * }
 * }</pre>
 */
final class DecoderWriter {
  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName VIOLATIONS = RuntimeNames.VIOLATIONS;
  private static final ClassName JSON_FIELDS = RuntimeNames.JSON_FIELDS;

  private final ClientModel client;
  private final Function<TypeName, String> decoders;

  /** @param decoders the name of the decoder method of a record type */
  DecoderWriter(ClientModel client, Function<TypeName, String> decoders) {
    this.client = client;
    this.decoders = decoders;
  }

  /** The decoder of {@code record}, called {@code name}. */
  MethodSpec record(String name, RecordModel record) {
    Locals locals = locals(record.components().stream().map(Component::type).toList());
    List<String> fields = new ArrayList<>();
    for (Component component : record.components()) {
      fields.add(locals.newName(component.name()));
    }
    MethodSpec.Builder spec = signature(name, record.type());
    spec.beginControlFlow("if (!$T.object(node, path, v$L))", JSON_FIELDS,
            record.components().stream()
                .map(c -> CodeBlock.of(", $S", c.name()))
                .collect(CodeBlock.joining("")))
        .addStatement("return null")
        .endControlFlow();
    for (int i = 0; i < fields.size(); i++) {
      Component component = record.components().get(i);
      spec.addStatement("$T $N = $L", component.type().type(), fields.get(i), field(component,
          CodeBlock.of("node"), CodeBlock.of("path + $S", "." + component.name()), locals));
    }
    CodeBlock create = CodeBlock.of("new $T($L)", record.type(), fields.stream()
        .map(f -> CodeBlock.of("$N", f))
        .collect(CodeBlock.joining(", ")));
    if (!record.checksArguments()) {
      return spec.addStatement("return v.isEmpty() ? $L : null", create).build();
    }
    return construct(spec, record, create, locals.newName("e"));
  }

  /**
   * The record's own constructor may reject what the schema allows; that is a violation too,
   * sent back to the model like any other.
   */
  private static MethodSpec construct(
      MethodSpec.Builder spec, RecordModel record, CodeBlock create, String e) {
    return spec.beginControlFlow("if (!v.isEmpty())")
        .addStatement("return null")
        .endControlFlow()
        .beginControlFlow("try")
        .addStatement("return $L", create)
        .nextControlFlow("catch ($T $N)", RuntimeException.class, e)
        .addStatement("v.add(path, $S + $N.getMessage())", "not a valid " + record.displayName()
            + ": ", e)
        .addStatement("return null")
        .endControlFlow()
        .build();
  }

  /** The decoder of an enum or list result, which is wrapped as {@code {"value": ...}}. */
  MethodSpec root(String name, StructuredType root) {
    Locals locals = locals(List.of(root));
    String value = locals.newName(SchemaWriter.WRAPPED);
    return signature(name, root.type())
        .beginControlFlow("if (!$T.object(node, path, v, $S))", JSON_FIELDS, SchemaWriter.WRAPPED)
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$T $N = $L", root.type(), value, read(root,
            CodeBlock.of("node.get($S)", SchemaWriter.WRAPPED),
            CodeBlock.of("path + $S", "." + SchemaWriter.WRAPPED), "v", 0, locals))
        .addStatement("return v.isEmpty() ? $N : null", value)
        .build();
  }

  private static MethodSpec.Builder signature(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(returns)
        .addParameter(JSON_NODE, "node")
        .addParameter(String.class, "path")
        .addParameter(VIOLATIONS, "v");
  }

  /**
   * Reads the arguments of a tool (#12), the properties of the object {@code node}, into locals
   * called {@code names}, at the paths {@code $.name}; returns null from the method if the
   * arguments are not an object or any of them is wrong. Sample output:
   *
   * <pre>{@code
   * if (!JsonFields.object(node, "$", v, "city", "days")) {
   *   return null;
   * }
   * String city = JsonFields.string(node.get("city"), "$.city", v);
   * int days = JsonFields.int32(node.get("days"), "$.days", v);
   * if (!v.isEmpty()) {
   *   return null;
   * }
   * }</pre>
   */
  CodeBlock arguments(List<Component> params, List<String> names, Locals locals) {
    CodeBlock.Builder code = CodeBlock.builder()
        .beginControlFlow("if (!$T.object(node, $S, v$L))", JSON_FIELDS, "$", params.stream()
            .map(c -> CodeBlock.of(", $S", c.name()))
            .collect(CodeBlock.joining("")))
        .addStatement("return null")
        .endControlFlow();
    for (int i = 0; i < params.size(); i++) {
      Component param = params.get(i);
      code.addStatement("$T $N = $L", param.type().type(), names.get(i), field(param,
          CodeBlock.of("node"), CodeBlock.of("$S", "$." + param.name()), locals));
    }
    return code.beginControlFlow("if (!v.isEmpty())")
        .addStatement("return null")
        .endControlFlow()
        .build();
  }

  /** Reads {@code component} from the object {@code object}; {@code path} is the field's. */
  private CodeBlock field(Component component, CodeBlock object, CodeBlock path, Locals locals) {
    CodeBlock node = CodeBlock.of("$L.get($S)", object, component.name());
    boolean optional = component.type() instanceof Container c
        && c.kind() == ContainerKind.OPTIONAL;
    if (component.nullable() && !optional) {
      return CodeBlock.of("$T.nullable($L, $L, v, $L)",
          JSON_FIELDS, node, path, reference(component.type(), 0, locals));
    }
    return read(component.type(), node, path, "v", 0, locals);
  }

  /** The call that reads {@code type} at {@code node}. */
  private CodeBlock read(
      StructuredType type, CodeBlock node, CodeBlock path, String v, int depth, Locals locals) {
    if (type instanceof Scalar scalar) {
      return CodeBlock.of("$T.$N($L, $L, $N)", JSON_FIELDS, scalar.kind().reader(), node, path, v);
    } else if (type instanceof EnumType enumType) {
      return CodeBlock.of("$T.enumValue($L, $L, $N, $T.values())",
          JSON_FIELDS, node, path, v, enumType.type());
    } else if (type instanceof RecordType record) {
      return CodeBlock.of("$N($L, $L, $N)", decoders.apply(record.type()), node, path, v);
    } else if (type instanceof Container container) {
      return CodeBlock.of("$T.$N($L, $L, $N, $L)", JSON_FIELDS, container.kind().reader(),
          node, path, v, reference(container.element(), depth, locals));
    }
    throw new IllegalStateException("cannot decode " + type);
  }

  /** A {@code Decoder} for {@code type}: a method reference, or a lambda around {@link #read}. */
  private CodeBlock reference(StructuredType type, int depth, Locals locals) {
    if (type instanceof Scalar scalar) {
      return CodeBlock.of("$T::$N", JSON_FIELDS, scalar.kind().reader());
    } else if (type instanceof RecordType record) {
      return CodeBlock.of("$T::$N", client.impl(), decoders.apply(record.type()));
    }
    String n = locals.scoped("n", depth);
    String p = locals.scoped("p", depth);
    String vv = locals.scoped("vv", depth);
    return CodeBlock.of("($N, $N, $N) -> $L", n, p, vv,
        read(type, CodeBlock.of("$N", n), CodeBlock.of("$N", p), vv, depth + 1, locals));
  }

  /** Locals must not hide the types used in expressions, nor clash with lambda parameters. */
  private Locals locals(List<StructuredType> types) {
    return locals(types, List.of("path"));
  }

  /**
   * The locals of a method that reads {@code types} from {@code node} into {@code v}, with
   * {@code reserved} names of its own.
   */
  Locals locals(List<StructuredType> types, List<String> reserved) {
    List<String> names = new ArrayList<>(
        List.of("node", "v", JSON_FIELDS.simpleName(), client.impl().simpleName()));
    names.addAll(reserved);
    Locals locals = new Locals(names);
    types.forEach(t -> reserveEnums(t, locals));
    return locals;
  }

  private static void reserveEnums(StructuredType type, Locals locals) {
    if (type instanceof Container container) {
      reserveEnums(container.element(), locals);
    } else if (type instanceof EnumType enumType) {
      locals.reserve(enumType.type().simpleName());
      locals.reserve(enumType.type().topLevelClassName().simpleName());
    }
  }
}
