package dev.llmcall.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One method of a client type: an abstract method the generated class implements, or a method
 * with {@code @LlmCall} that is checked and then reported as misplaced.
 *
 * @param name the method's name
 * @param declaringType the simple name of the type that declares it, {@code Outer.Inner} if nested
 * @param kind whether it is abstract, default, static, ...
 * @param returnType the declared return type
 * @param returnKind the return type's kind, or empty if the type is not supported
 * @param result for a structured return kind, the record, enum or list it reads (#6)
 * @param unsupportedStream why the return type, which asks for a stream, is not supported; empty
 *     if it is supported or does not look like a stream
 * @param params the parameters in order
 * @param exceptions the declared {@code throws} types
 * @param typeParameters the names of the method's own type parameters
 * @param varargs whether the last parameter is variable arity
 * @param inherited whether a super-interface declares it, rather than the client itself
 * @param compiled whether it was read from a class file (a library), so that diagnostics cannot
 *     point at it and go to the client instead (#15)
 * @param inaccessible the first type in its signature, or in the records it reads or writes,
 *     that the generated class cannot refer to, if there is one (#15)
 * @param conflict another super-interface that declares it with a different {@code @LlmCall},
 *     its simple names, if there is one (#15)
 * @param call its {@code @LlmCall}, or empty if it has none
 * @param source the method, and its {@code @LlmCall} annotation if it has one
 */
record MethodModel(
    String name,
    String declaringType,
    Kind kind,
    TypeName returnType,
    Optional<ReturnKind> returnKind,
    Optional<StructuredType> result,
    Optional<UnsupportedStream> unsupportedStream,
    List<ParamModel> params,
    List<TypeName> exceptions,
    List<String> typeParameters,
    boolean varargs,
    boolean inherited,
    boolean compiled,
    Optional<Inaccessible> inaccessible,
    Optional<String> conflict,
    Optional<CallModel> call,
    SourceRef source) {

  MethodModel {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(declaringType, "declaringType == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(returnType, "returnType == null");
    Objects.requireNonNull(returnKind, "returnKind == null");
    Objects.requireNonNull(unsupportedStream, "unsupportedStream == null");
    if (result.isPresent() != returnKind.filter(ReturnKind::structured).isPresent()) {
      throw new IllegalArgumentException(name + " returns " + returnKind + " but reads " + result);
    }
    if (returnKind.isPresent() && unsupportedStream.isPresent()) {
      throw new IllegalArgumentException(
          name + " returns " + returnKind.get() + ", which is supported: " + unsupportedStream);
    }
    params = List.copyOf(params);
    exceptions = List.copyOf(exceptions);
    typeParameters = List.copyOf(typeParameters);
    Objects.requireNonNull(inaccessible, "inaccessible == null");
    Objects.requireNonNull(conflict, "conflict == null");
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(source, "source == null");
    if (varargs && params.isEmpty()) {
      throw new IllegalArgumentException("varargs without parameters: " + name);
    }
  }

  /** {@code Type.method}, for messages. */
  String displayName() {
    return declaringType + "." + name;
  }

  /**
   * The parameters rendered as JSON by a template of {@code call}, in order; an
   * {@code Optional} one if its value is.
   */
  List<ParamModel> jsonParams(CallModel call) {
    Set<String> used = call.usedParameters();
    return params.stream()
        .filter(p -> p.json().isPresent() && used.contains(p.name()))
        .toList();
  }

  /** The first parameter that is a tool set, and that tool set, if there is one (#12). */
  Optional<ToolSetModel> toolSet() {
    return params.stream().flatMap(p -> p.tools().stream()).findFirst();
  }

  /**
   * Whether the method sends more than a system prompt and a user message: a history, images or
   * tools, which go in a {@code Request} (#12).
   */
  boolean sendsRequest() {
    return params.stream().anyMatch(p -> p.kind().sentAsSuch());
  }

  /** The parameter called {@code name}, if there is one. */
  Optional<ParamModel> param(String paramName) {
    return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
  }

  /**
   * A type that the generated class, top-level in the client's package, cannot name.
   *
   * @param type its simple names from the outermost type, {@code Outer.Person}
   * @param reason why, as in "Outer.Person is {reason}": {@code private}
   * @param fix what to do, as in "make it public"
   */
  record Inaccessible(String type, String reason, String fix) {
    Inaccessible {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(fix, "fix == null");
    }
  }

  /** What kind of method this is. */
  enum Kind {
    ABSTRACT("abstract"),
    DEFAULT("a default method"),
    STATIC("static"),
    PRIVATE("private"),
    /** A method with a body in a class, enum or record. */
    CONCRETE("not abstract");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** How a message describes this kind, as in "is a default method". */
    String description() {
      return description;
    }
  }
}
