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

  /** The parameters rendered as JSON by a template of {@code call}, in order. */
  List<ParamModel> jsonParams(CallModel call) {
    Set<String> used = call.usedParameters();
    return params.stream()
        .filter(p -> p.kind() == ParamModel.Kind.JSON && used.contains(p.name()))
        .toList();
  }

  /** The parameter called {@code name}, if there is one. */
  Optional<ParamModel> param(String paramName) {
    return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
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
