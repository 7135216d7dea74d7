package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.CodecWriter.Locals;
import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.StructuredType.Container;
import dev.llmcall.processor.StructuredType.ContainerKind;
import dev.llmcall.processor.StructuredType.EnumType;
import dev.llmcall.processor.StructuredType.RecordType;
import dev.llmcall.processor.StructuredType.Scalar;
import dev.llmcall.processor.StructuredType.ScalarKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes the encoders that render record and collection parameters into a prompt as JSON (#6),
 * field by field with Jackson's {@code JsonGenerator}: nested records through their own
 * encoders, collections as arrays, a {@code Map<String, V>} as an object, an {@code Optional} as
 * its value or null, enums by name, {@code java.time} values by {@code toString()}. A null is
 * written as JSON null. Sample output:
 *
 * <pre>{@code
 * private static void encodeOrder(JsonGenerator g, Order value) throws IOException {
 *   if (value == null) {
 *     g.writeNull();
 *     return;
 *   }
 *   g.writeStartObject();
 *   g.writeStringField("id", value.id());
 *   g.writeFieldName("customer");
 *   encodeCustomer(g, value.customer());
 *   g.writeEndObject();
 * }
 * }</pre>
 */
final class EncoderWriter {
  private static final ClassName JSON_GENERATOR =
      ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");

  private final Function<TypeName, String> encoders;

  /** @param encoders the name of the encoder method of a record or collection type */
  EncoderWriter(Function<TypeName, String> encoders) {
    this.encoders = encoders;
  }

  /** The encoder of {@code record}, called {@code name}. */
  MethodSpec record(String name, RecordModel record) {
    Locals locals = locals();
    CodeBlock.Builder code = CodeBlock.builder()
        .beginControlFlow("if (value == null)")
        .addStatement("g.writeNull()")
        .addStatement("return")
        .endControlFlow()
        .addStatement("g.writeStartObject()");
    for (Component component : record.components()) {
      field(code, component, locals);
    }
    code.addStatement("g.writeEndObject()");
    return signature(name, record.type()).addCode(code.build()).build();
  }

  /** The encoder of a collection parameter, called {@code name}; only ever given non-null. */
  MethodSpec value(String name, StructuredType type) {
    CodeBlock.Builder code = CodeBlock.builder();
    write(code, type, CodeBlock.of("value"), false, 0, locals());
    return signature(name, type.type()).addCode(code.build()).build();
  }

  private static MethodSpec.Builder signature(String name, TypeName type) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(JSON_GENERATOR, "g")
        .addParameter(type, "value")
        .addException(IOException.class);
  }

  /** {@code String.valueOf} must not be hidden by a local called {@code String}. */
  private static Locals locals() {
    return new Locals(List.of("g", "value", "String"));
  }

  private void field(CodeBlock.Builder code, Component component, Locals locals) {
    StructuredType type = component.type();
    CodeBlock value = CodeBlock.of("value.$N()", component.name());
    ScalarKind kind = type instanceof Scalar s ? s.kind() : null;
    boolean primitive = type.type().isPrimitive();
    if (kind == ScalarKind.STRING) {
      code.addStatement("g.writeStringField($S, $L)", component.name(), value);
    } else if (kind == ScalarKind.DECIMAL || (primitive && isNumber(kind))) {
      code.addStatement("g.writeNumberField($S, $L)", component.name(), value);
    } else if (primitive && kind == ScalarKind.BOOLEAN) {
      code.addStatement("g.writeBooleanField($S, $L)", component.name(), value);
    } else if (primitive && kind == ScalarKind.CHAR) {
      code.addStatement("g.writeStringField($S, String.valueOf($L))", component.name(), value);
    } else {
      code.addStatement("g.writeFieldName($S)", component.name());
      write(code, type, local(code, type, value, component.name(), locals), true, 0, locals);
    }
  }

  /**
   * Writes {@code value}, which is a local variable or a null-safe expression, checking it for
   * null first if {@code mayBeNull} and its write would not accept null.
   */
  private void write(CodeBlock.Builder code, StructuredType type, CodeBlock value,
      boolean mayBeNull, int depth, Locals locals) {
    if (type instanceof Container c && c.kind() == ContainerKind.OPTIONAL) {
      code.beginControlFlow(mayBeNull ? "if ($L != null && $L.isPresent())" : "if ($L.isPresent())",
          value, value);
      write(code, c.element(), CodeBlock.of("$L.get()", value), false, depth + 1, locals);
      code.nextControlFlow("else").addStatement("g.writeNull()").endControlFlow();
      return;
    }
    boolean check = mayBeNull && needsNullCheck(type);
    if (check) {
      code.beginControlFlow("if ($L == null)", value)
          .addStatement("g.writeNull()")
          .nextControlFlow("else");
    }
    if (type instanceof Scalar scalar) {
      code.addStatement(scalar(scalar.kind()), value);
    } else if (type instanceof EnumType) {
      code.addStatement("g.writeString($L.name())", value);
    } else if (type instanceof RecordType record) {
      code.addStatement("$N(g, $L)", encoders.apply(record.type()), value);
    } else if (type instanceof Container container) {
      container(code, container, value, depth, locals);
    } else {
      throw new IllegalStateException("cannot encode " + type);
    }
    if (check) {
      code.endControlFlow();
    }
  }

  /** A list or set as an array, a map as an object. */
  private void container(
      CodeBlock.Builder code, Container container, CodeBlock value, int depth, Locals locals) {
    StructuredType element = container.element();
    if (container.kind() == ContainerKind.MAP) {
      String entry = locals.scoped("entry", depth);
      code.addStatement("g.writeStartObject()")
          .beginControlFlow("for ($T $N : $L.entrySet())", ParameterizedTypeName.get(
              ClassName.get(Map.Entry.class), ClassName.get(String.class), element.type().box()),
              entry, value)
          .addStatement("g.writeFieldName($N.getKey())", entry);
      CodeBlock entryValue = CodeBlock.of("$N.getValue()", entry);
      write(code, element, local(code, element, entryValue, "element", depth + 1, locals), true,
          depth + 1, locals);
      code.endControlFlow().addStatement("g.writeEndObject()");
    } else {
      String item = locals.scoped("item", depth);
      code.addStatement("g.writeStartArray()")
          .beginControlFlow("for ($T $N : $L)", element.type().box(), item, value);
      write(code, element, CodeBlock.of("$N", item), true, depth + 1, locals);
      code.endControlFlow().addStatement("g.writeEndArray()");
    }
  }

  /** {@code value} in a new local, if it must be checked for null before it is written. */
  private static CodeBlock local(CodeBlock.Builder code, StructuredType type, CodeBlock value,
      String name, Locals locals) {
    return needsNullCheck(type) ? declare(code, type, value, locals.newName(name)) : value;
  }

  /** {@link #local} inside a loop at {@code depth}, where siblings may share the name. */
  private static CodeBlock local(CodeBlock.Builder code, StructuredType type, CodeBlock value,
      String name, int depth, Locals locals) {
    return needsNullCheck(type) ? declare(code, type, value, locals.scoped(name, depth)) : value;
  }

  private static CodeBlock declare(
      CodeBlock.Builder code, StructuredType type, CodeBlock value, String local) {
    code.addStatement("$T $N = $L", type.type().box(), local, value);
    return CodeBlock.of("$N", local);
  }

  private static String scalar(ScalarKind kind) {
    switch (kind) {
      case STRING:
        return "g.writeString($L)";
      case BOOLEAN:
        return "g.writeBoolean($L)";
      case CHAR:
        return "g.writeString(String.valueOf($L))";
      case DATE:
      case DATE_TIME:
      case INSTANT:
        return "g.writeString($L.toString())";
      default:
        return "g.writeNumber($L)";
    }
  }

  /** Strings, BigDecimals, primitives and records (whose encoders check) take null as is. */
  private static boolean needsNullCheck(StructuredType type) {
    if (type instanceof Scalar scalar) {
      return !scalar.type().isPrimitive()
          && scalar.kind() != ScalarKind.STRING && scalar.kind() != ScalarKind.DECIMAL;
    }
    return !(type instanceof RecordType);
  }

  private static boolean isNumber(ScalarKind kind) {
    return kind == ScalarKind.INT || kind == ScalarKind.LONG || kind == ScalarKind.DOUBLE;
  }
}
