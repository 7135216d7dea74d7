package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes what structured results, JSON parameters and tools (#12) need in a client class (#6): a
 * {@code StructuredOutput} constant per result type, a decoder per record the results use (see
 * {@link DecoderWriter}) and an encoder per record or collection the prompts render as JSON (see
 * {@link EncoderWriter}). Names come from {@link NameAllocator}s, so that two records called
 * {@code Item} in different packages get {@code decodeItem} and {@code decodeItem_}. Sample
 * output:
 *
 * <pre>{@code
 * private static final StructuredOutput<Person> PERSON_OUTPUT = StructuredOutput.of("Person",
 *     "{\"type\":\"object\",...}", LlmAssistant::decodePerson);
 *
 * return this.extract.structured(null, "Who is in: " + text, PERSON_OUTPUT).value();
 * return this.check.text(null, "Check " + JsonWriting.toJson(order, LlmAssistant::encodeOrder));
 * }</pre>
 */
final class CodecWriter {
  private static final ClassName STRUCTURED_OUTPUT = RuntimeNames.STRUCTURED_OUTPUT;
  private static final ClassName JSON_WRITING = RuntimeNames.JSON_WRITING;

  /**
   * The longest literal written as one: a char takes at most 3 bytes in the class file's
   * modified UTF-8, so 16384 of them stay well under its 65535.
   */
  static final int CONSTANT_CHARS = 16_384;

  private final ClientModel client;
  private final NameAllocator methodNames = new NameAllocator();
  private final Map<TypeName, FieldSpec> outputs = new LinkedHashMap<>();
  private final List<MethodSpec> methods = new ArrayList<>();

  /**
   * @param fieldNames the allocator that named the class's other fields, which the constants
   *     must not clash with
   */
  CodecWriter(ClientModel client, NameAllocator fieldNames) {
    this.client = client;
    // Decoders and encoders are static methods of the class that implements the interface.
    client.methods().stream().map(MethodModel::name).distinct().forEach(methodNames::newName);
    methodNames.newName("create");
    Set<StructuredType> results = new LinkedHashSet<>();
    Set<StructuredType> jsonParams = new LinkedHashSet<>();
    for (MethodModel method : client.methods()) {
      method.result().ifPresent(results::add);
      method.call().ifPresent(
          call -> method.jsonParams(call).forEach(p -> jsonParams.add(p.json().get())));
    }
    // A tool's arguments are decoded as a result's records are, and its result is encoded as a
    // JSON parameter is (#12).
    List<StructuredType> readRoots = new ArrayList<>(results);
    for (ToolSetModel toolSet : client.toolSets()) {
      readRoots.addAll(toolSet.argumentTypes());
      jsonParams.addAll(toolSet.resultTypes());
    }
    List<RecordModel> decoded = client.recordsUsedBy(readRoots);
    List<RecordModel> encoded = client.recordsUsedBy(List.copyOf(jsonParams));
    decoded.forEach(r -> name("decode", r.type(), r.type().simpleName()));
    results.stream().filter(CodecWriter::isWrapped)
        .forEach(r -> name("decode", r.type(), r.label() + "Root"));
    jsonParams.stream().filter(CodecWriter::isWrapped)
        .forEach(t -> name("encode", t.type(), t.label()));
    encoded.forEach(r -> name("encode", r.type(), r.type().simpleName()));
    DecoderWriter decoders = new DecoderWriter(client, t -> method("decode", t));
    EncoderWriter encoders = new EncoderWriter(t -> method("encode", t));
    for (StructuredType result : results) {
      outputs.put(result.type(), output(result, fieldNames));
      if (isWrapped(result)) {
        methods.add(decoders.root(method("decode", result.type()), result));
      }
    }
    decoded.forEach(r -> methods.add(decoders.record(method("decode", r.type()), r)));
    jsonParams.stream().filter(CodecWriter::isWrapped)
        .forEach(t -> methods.add(encoders.value(method("encode", t.type()), t)));
    encoded.forEach(r -> methods.add(encoders.record(method("encode", r.type()), r)));
  }

  /** The {@code StructuredOutput} constants, one per result type, in order of first use. */
  List<FieldSpec> fields() {
    return List.copyOf(outputs.values());
  }

  /** The decoders and encoders. */
  List<MethodSpec> methods() {
    return List.copyOf(methods);
  }

  /** The constant for the result of {@code method}. */
  FieldSpec output(MethodModel method) {
    StructuredType result = method.result().orElseThrow(
        () -> new IllegalStateException(method.displayName() + " has no structured result"));
    return outputs.get(result.type());
  }

  /** The name of the decoder of the record {@code type}. */
  String decoder(TypeName type) {
    return method("decode", type);
  }

  /** A fresh name for another static method of the class, such as a tool dispatcher. */
  String newMethodName(String suggestion) {
    return methodNames.newName(suggestion);
  }

  /** {@code JsonWriting.toJson(value, LlmShop::encodeOrder)}: {@code value} as JSON. */
  CodeBlock toJson(StructuredType type, CodeBlock value) {
    return CodeBlock.of("$T.toJson($L, $T::$N)",
        JSON_WRITING, value, client.impl(), method("encode", type.type()));
  }

  /** {@code JsonWriting.toJson(order, LlmShop::encodeOrder)}. */
  CodeBlock toJson(ParamModel param) {
    return toJson(param, param.name());
  }

  /**
   * {@code JsonWriting.toJson(value, LlmShop::encodeOrder)}: the JSON of {@code variable}, which
   * holds {@code param}'s value, or for an {@code Optional} parameter the value in it.
   */
  CodeBlock toJson(ParamModel param, String variable) {
    TypeName type = param.json().orElseThrow(
        () -> new IllegalStateException(param.name() + " is not rendered as JSON")).type();
    return CodeBlock.of("$T.toJson($N, $T::$N)",
        JSON_WRITING, variable, client.impl(), method("encode", type));
  }

  private FieldSpec output(StructuredType result, NameAllocator fieldNames) {
    String name = fieldNames.newName(
        ClientImplWriter.upperSnake(result.label()) + "_OUTPUT", new Tag("output", result.type()));
    return FieldSpec.builder(
            ParameterizedTypeName.get(STRUCTURED_OUTPUT, result.type().box()), name,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($S,$W$L,$W$T::$N)", STRUCTURED_OUTPUT, SchemaWriter.name(result),
            stringExpression(SchemaWriter.write(client, result)), client.impl(),
            method("decode", result.type()))
        .build();
  }

  /**
   * {@code text} as a literal, or, if one literal could pass the class file's limit of 65535
   * bytes for a constant, as {@code String.join("", "...", "...")} of shorter ones (#15):
   * javac folds {@code "..." + "..."} back into one constant.
   */
  static CodeBlock stringExpression(String text) {
    if (text.length() <= CONSTANT_CHARS) {
      return CodeBlock.of("$S", text);
    }
    List<CodeBlock> pieces = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = Math.min(start + CONSTANT_CHARS, text.length());
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      pieces.add(CodeBlock.of("$S", text.substring(start, end)));
      start = end;
    }
    return CodeBlock.of("$T.join($S,$W$L)", String.class, "", CodeBlock.join(pieces, ",$W"));
  }

  /** A record result is read by its record's decoder; an enum or list one is wrapped. */
  private static boolean isWrapped(StructuredType type) {
    return !(type instanceof StructuredType.RecordType);
  }

  private void name(String role, TypeName type, String label) {
    methodNames.newName(role + label, new Tag(role, type));
  }

  private String method(String role, TypeName type) {
    return methodNames.get(new Tag(role, type));
  }

  /** What a generated name is for: the decoder of a type, its encoder, its output constant. */
  private record Tag(String role, TypeName type) {}

  /**
   * The local names of one generated decoder or encoder. Reserved names come first: parameters,
   * and types used in expressions ({@code JsonFields.string}, {@code Color.values()}), which a
   * local of the same name would hide. A name for a nesting depth (a loop variable, a lambda
   * parameter) is allocated once and reused by siblings, which do not overlap: {@code item} for
   * the outer loop, {@code item2} inside it.
   */
  static final class Locals {
    private final NameAllocator names = new NameAllocator();
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, String> scoped = new HashMap<>();

    Locals(List<String> reserved) {
      reserved.forEach(this::reserve);
    }

    void reserve(String name) {
      if (reserved.add(name)) {
        names.newName(name, Locals.class.getName() + "#" + name);
      }
    }

    /** A fresh name for a local that lives to the end of the method. */
    String newName(String suggestion) {
      return names.newName(suggestion);
    }

    /** The name for {@code base} at nesting {@code depth}. */
    String scoped(String base, int depth) {
      return scoped.computeIfAbsent(base + "#" + depth,
          tag -> names.newName(depth == 0 ? base : base + (depth + 1)));
    }
  }
}
