package dev.llmcall.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.ClientModel.Defaults;
import dev.llmcall.processor.MethodModel.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one method of a client type into a {@link MethodModel}, applying the interface's
 * defaults to its {@code @LlmCall} settings.
 */
final class MethodParser {
  private static final String STRING = "java.lang.String";
  private static final String RESPONSE = RuntimeNames.LLM_RESPONSE.canonicalName();
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String STREAM = "java.util.stream.Stream";
  private static final String PUBLISHER = "java.util.concurrent.Flow.Publisher";
  private static final String LLM_STREAM = RuntimeNames.LLM_STREAM.canonicalName();
  private static final String ITERATOR = "java.util.Iterator";
  private static final String ITERABLE = "java.lang.Iterable";
  private static final String OPTIONAL = "java.util.Optional";
  private static final String LIST = "java.util.List";
  private static final String CHAT_MESSAGE = RuntimeNames.CHAT_MESSAGE.canonicalName();
  private static final String IMAGE = RuntimeNames.IMAGE.canonicalName();
  private static final String PATH = "java.nio.file.Path";
  private static final String URI = "java.net.URI";
  private static final List<String> PRIMITIVE_OPTIONALS =
      List.of("java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble");
  /** Types that ask for an answer in chunks, whether or not the runtime can serve them so. */
  private static final List<String> STREAM_LIKE =
      List.of(STREAM, PUBLISHER, LLM_STREAM, ITERATOR, ITERABLE);

  private final Elements elements;
  private final AnnotationValues values;
  private final Types types;
  private final Predicate<Element> inSource;

  MethodParser(
      Elements elements, AnnotationValues values, Types types, Predicate<Element> inSource) {
    this.elements = elements;
    this.values = values;
    this.types = types;
    this.inSource = inSource;
  }

  /**
   * Reads {@code method}; the records its result and parameters use go to {@code structures},
   * and the tool sets it takes are read by {@code toolSets}, both shared by all methods of the
   * client.
   */
  MethodModel parse(ExecutableElement method, TypeElement client, Defaults defaults,
      StructureParser structures, ToolSetParser toolSets, Optional<TypeElement> conflict) {
    Optional<AnnotationMirror> llmCall = AnnotationValues.find(method, AnnotationValues.LLM_CALL);
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    // As a member of the client: Classifier<T>'s T classify(T) is String classify(String) in
    // TextClassifier extends Classifier<String>.
    ExecutableType member = memberType(method, client);
    TypeMirror returnType = member.getReturnType();
    Optional<ReturnKind> returnKind = returnKind(returnType);
    boolean streaming = returnKind.filter(ReturnKind::streaming).isPresent();
    List<ParamModel> params = params(method, member, structures, toolSets);
    return new MethodModel(
        method.getSimpleName().toString(),
        String.join(".", ClassName.get(declaring).simpleNames()),
        kind(method),
        TypeName.get(returnType),
        returnKind,
        returnKind.filter(ReturnKind::structured)
            .map(k -> structures.parse(resultType(returnType))),
        returnKind.isPresent() ? Optional.empty() : unsupportedStream(returnType),
        params,
        member.getThrownTypes().stream().map(TypeName::get).toList(),
        method.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).toList(),
        method.isVarArgs(),
        !declaring.equals(client),
        !inSource.test(method),
        new TypeAccess(elements, client).firstInaccessible(
            member, params.stream()
                .map(p -> p.json().isPresent() || p.kind() == ParamModel.Kind.TOOLS).toList()),
        conflict.map(t -> String.join(".", ClassName.get(t).simpleNames())),
        llmCall.map(a -> call(method, a, defaults, streaming)),
        new SourceRef(method, llmCall.orElse(null), null));
  }

  private CallModel call(
      ExecutableElement method, AnnotationMirror llmCall, Defaults defaults, boolean streaming) {
    Optional<AnnotationMirror> retry = AnnotationValues.find(method, AnnotationValues.RETRY);
    Optional<AnnotationMirror> breaker =
        AnnotationValues.find(method, AnnotationValues.CIRCUIT_BREAKER);
    return new CallModel(
        values.get(method, llmCall, "prompt", String.class)
            .orElseGet(() -> new Setting<>("", SourceRef.of(method, llmCall), false))
            .map(PromptTemplate::parse),
        values.nonEmptyString(method, llmCall, "system")
            .map(s -> s.map(PromptTemplate::parse))
            .or(() -> defaults.system().map(Setting::asInherited)),
        values.nonEmptyString(method, llmCall, "provider")
            .or(() -> defaults.provider().map(Setting::asInherited)),
        values.nonEmptyString(method, llmCall, "model")
            .or(() -> defaults.model().map(Setting::asInherited)),
        values.get(method, llmCall, "maxTokens", Integer.class).filter(s -> s.value() != 0),
        values.get(method, llmCall, "temperature", Double.class)
            .filter(s -> !s.value().isNaN()),
        values.get(method, llmCall, "repairAttempts", Integer.class)
            .filter(s -> s.value() != -1),
        retry.flatMap(a -> values.get(method, a, "policy", String.class))
            .or(() -> defaults.retryPolicy().map(Setting::asInherited)),
        // The nearest @Retry wins whole: a method's @Retry does not mix with the interface's.
        retry.map(a -> values.retryOverrides(method, a))
            .orElseGet(() -> defaults.retryOverrides().stream().map(Setting::asInherited).toList()),
        // The interface's resumeStream is for its streaming methods, and not misplaced on others.
        retry.map(a -> values.resumeStream(method, a))
            .orElseGet(() ->
                defaults.resumeStream().filter(s -> streaming).map(Setting::asInherited)),
        breaker.flatMap(a -> values.get(method, a, "provider", String.class))
            .or(() -> defaults.circuitBreaker().map(Setting::asInherited)),
        options(method, llmCall),
        values.get(method, llmCall, "maxToolRounds", Integer.class).filter(s -> s.value() != 0),
        values.get(method, llmCall, "failOnToolError", Boolean.class).filter(Setting::value),
        // The nearest @Fallback wins whole, as @Retry does.
        AnnotationValues.find(method, AnnotationValues.FALLBACK)
            .map(a -> values.fallback(method, a))
            .or(() -> defaults.fallback().map(FallbackModel::asInherited)),
        hedge(method, defaults, streaming),
        SourceRef.of(method, llmCall));
  }

  /**
   * The method's {@code @Hedge}, or else the interface's, which reaches only streaming methods
   * with a chain (their own or the interface's), and so is never misplaced on the others.
   */
  private Optional<HedgeModel> hedge(ExecutableElement method, Defaults defaults, boolean streaming) {
    Optional<HedgeModel> own = AnnotationValues.find(method, AnnotationValues.HEDGE)
        .map(a -> values.hedge(method, a));
    if (own.isPresent()) {
      return own;
    }
    boolean chained = AnnotationValues.find(method, AnnotationValues.FALLBACK).isPresent()
        || defaults.fallback().isPresent();
    return defaults.hedge().filter(h -> streaming && chained).map(HedgeModel::asInherited);
  }

  private CallModel.Options options(ExecutableElement method, AnnotationMirror llmCall) {
    return new CallModel.Options(
        values.get(method, llmCall, "topP", Double.class).filter(s -> !s.value().isNaN()),
        values.stringArray(method, llmCall, "stop"),
        values.get(method, llmCall, "seed", Long.class).filter(s -> s.value() != Long.MIN_VALUE),
        values.nonEmptyString(method, llmCall, "reasoningEffort"),
        values.get(method, llmCall, "thinkingBudget", Integer.class).filter(s -> s.value() != 0));
  }

  /** The type of {@code method} as a member of {@code client}, type arguments substituted. */
  private ExecutableType memberType(ExecutableElement method, TypeElement client) {
    if (client.asType() instanceof DeclaredType site) {
      try {
        return (ExecutableType) types.asMemberOf(site, method);
      } catch (IllegalArgumentException e) {
        // Not a member of the client (a misplaced @LlmCall): its own type is all there is.
      }
    }
    return (ExecutableType) method.asType();
  }

  private List<ParamModel> params(ExecutableElement method, ExecutableType member,
      StructureParser structures, ToolSetParser toolSets) {
    List<ParamModel> params = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      params.add(param(method.getParameters().get(i), member.getParameterTypes().get(i),
          structures, toolSets));
    }
    return params;
  }

  private ParamModel param(VariableElement param, TypeMirror type, StructureParser structures,
      ToolSetParser toolSets) {
    ParamModel.Kind kind;
    Optional<StructuredType> json = Optional.empty();
    boolean model = AnnotationValues.find(param, AnnotationValues.MODEL).isPresent();
    Optional<ParamModel.ImageInput> image = model ? Optional.empty() : image(param, type);
    Optional<ToolSetModel> tools = Optional.empty();
    if (model) {
      kind = ParamModel.Kind.MODEL; // of any type: the validator says when it is not a String
    } else if (image.isPresent()) {
      kind = ParamModel.Kind.IMAGE;
    } else if (onlyTypeArgument(type, LIST).filter(t -> isNamed(t, CHAT_MESSAGE)).isPresent()) {
      kind = ParamModel.Kind.HISTORY;
    } else if ((tools = toolSets.parse(type)).isPresent()) {
      kind = ParamModel.Kind.TOOLS;
    } else if (type.getKind().isPrimitive()) {
      kind = ParamModel.Kind.PRIMITIVE;
    } else if (type.getKind() == TypeKind.ARRAY) {
      kind = ParamModel.Kind.ARRAY;
    } else if (isNamed(type, STRING)) {
      kind = ParamModel.Kind.STRING;
    } else if (onlyTypeArgument(type, OPTIONAL).filter(t -> !isNamed(t, STRING)).isPresent()) {
      TypeMirror value = onlyTypeArgument(type, OPTIONAL).get();
      json = value.getKind() == TypeKind.WILDCARD ? Optional.empty()
          : Optional.of(structures.parse(value)).filter(MethodParser::rendersAsJson);
      kind = ParamModel.Kind.OPTIONAL;
    } else if (isNamed(type, OPTIONAL) || PRIMITIVE_OPTIONALS.stream()
        .anyMatch(name -> isNamed(type, name))) {
      kind = ParamModel.Kind.OPTIONAL;
    } else {
      json = Optional.of(structures.parse(type)).filter(MethodParser::rendersAsJson);
      kind = json.isPresent() ? ParamModel.Kind.JSON : ParamModel.Kind.OTHER;
    }
    // A type-use @Nullable goes on the type (java.lang.@Nullable String), any other on the
    // parameter; TypeName.get drops type annotations, so both are put back by hand.
    Optional<ClassName> typeUse = nullable(type.getAnnotationMirrors());
    Optional<ClassName> declaration =
        nullable(param.getAnnotationMirrors()).filter(a -> typeUse.isEmpty());
    TypeName typeName = TypeName.get(type);
    if (typeUse.isPresent()) {
      typeName = typeName.annotated(AnnotationSpec.builder(typeUse.get()).build());
    }
    return new ParamModel(
        param.getSimpleName().toString(),
        typeName,
        kind,
        json,
        image,
        tools,
        typeUse.isPresent() || declaration.isPresent(),
        declaration.stream().toList(),
        SourceRef.of(param));
  }

  /**
   * How {@code param} is an image (#12): an {@code Image}, or anything with {@code @ImageInput},
   * which the validator rejects on a type that cannot be one.
   */
  private Optional<ParamModel.ImageInput> image(VariableElement param, TypeMirror type) {
    Optional<AnnotationMirror> annotation =
        AnnotationValues.find(param, AnnotationValues.IMAGE_INPUT);
    if (annotation.isEmpty() && !isNamed(type, IMAGE)) {
      return Optional.empty();
    }
    ParamModel.ImageInput.Source source;
    if (isNamed(type, IMAGE)) {
      source = ParamModel.ImageInput.Source.IMAGE;
    } else if (type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
      source = ParamModel.ImageInput.Source.BYTES;
    } else if (isNamed(type, PATH)) {
      source = ParamModel.ImageInput.Source.PATH;
    } else if (isNamed(type, URI)) {
      source = ParamModel.ImageInput.Source.URI;
    } else {
      source = ParamModel.ImageInput.Source.OTHER;
    }
    return Optional.of(new ParamModel.ImageInput(source,
        annotation.flatMap(a -> values.nonEmptyString(param, a, "mediaType")),
        new SourceRef(param, annotation.orElse(null), null)));
  }

  /**
   * A record, or a {@code List}, {@code Set} or {@code Map<String, ...>} llmcall can write, is
   * rendered as JSON; anything else (an enum, a scalar, {@code List<Object>}, a generic record)
   * by {@code toString()}, as before #6.
   */
  private static boolean rendersAsJson(StructuredType type) {
    return type instanceof StructuredType.RecordType
        || (type instanceof StructuredType.Container && type.unsupported().isEmpty());
  }

  /** An annotation named {@code Nullable}, from any package. */
  private static Optional<ClassName> nullable(List<? extends AnnotationMirror> annotations) {
    return annotations.stream()
        .map(a -> (TypeElement) a.getAnnotationType().asElement())
        .filter(a -> a.getSimpleName().contentEquals("Nullable"))
        .map(ClassName::get)
        .findFirst();
  }

  private static Kind kind(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT)) {
      return Kind.ABSTRACT;
    } else if (modifiers.contains(Modifier.DEFAULT)) {
      return Kind.DEFAULT;
    } else if (modifiers.contains(Modifier.PRIVATE)) {
      return Kind.PRIVATE;
    } else if (modifiers.contains(Modifier.STATIC)) {
      return Kind.STATIC;
    }
    return Kind.CONCRETE;
  }

  /** The kind of {@code type}, or empty if it is not one of the supported return types. */
  static Optional<ReturnKind> returnKind(TypeMirror type) {
    if (isNamed(type, STRING)) {
      return Optional.of(ReturnKind.TEXT);
    } else if (isOfString(type, RESPONSE)) {
      return Optional.of(ReturnKind.RESPONSE);
    } else if (isNamed(type, LLM_STREAM)) {
      return Optional.of(ReturnKind.LLM_STREAM);
    } else if (isOfString(type, STREAM)) {
      return Optional.of(ReturnKind.TEXT_STREAM);
    } else if (isOfString(type, PUBLISHER)) {
      return Optional.of(ReturnKind.TEXT_PUBLISHER);
    }
    Optional<TypeMirror> result = onlyTypeArgument(type, FUTURE);
    if (result.filter(t -> isNamed(t, STRING)).isPresent()) {
      return Optional.of(ReturnKind.TEXT_ASYNC);
    } else if (result.filter(t -> isOfString(t, RESPONSE)).isPresent()) {
      return Optional.of(ReturnKind.RESPONSE_ASYNC);
    }
    return structuredKind(type);
  }

  /** The kind of {@code R}, {@code LlmResponse<R>} and their futures, R a result root (#6). */
  private static Optional<ReturnKind> structuredKind(TypeMirror type) {
    Optional<TypeMirror> future = onlyTypeArgument(type, FUTURE);
    TypeMirror inner = future.orElse(type);
    Optional<TypeMirror> response = onlyTypeArgument(inner, RESPONSE);
    if (!StructureParser.isResultRoot(response.orElse(inner))) {
      return Optional.empty();
    } else if (future.isPresent()) {
      return Optional.of(response.isPresent()
          ? ReturnKind.STRUCTURED_RESPONSE_ASYNC : ReturnKind.STRUCTURED_ASYNC);
    }
    return Optional.of(
        response.isPresent() ? ReturnKind.STRUCTURED_RESPONSE : ReturnKind.STRUCTURED);
  }

  /** The {@code R} of a structured return type. */
  private static TypeMirror resultType(TypeMirror type) {
    TypeMirror inner = onlyTypeArgument(type, FUTURE).orElse(type);
    return onlyTypeArgument(inner, RESPONSE).orElse(inner);
  }

  /**
   * Why {@code type}, which {@link #returnKind} does not support, is a stream the runtime cannot
   * serve; empty if it does not look like a stream at all.
   */
  static Optional<UnsupportedStream> unsupportedStream(TypeMirror type) {
    if (onlyTypeArgument(type, FUTURE).filter(MethodParser::isStreamLike).isPresent()) {
      return Optional.of(UnsupportedStream.IN_FUTURE);
    } else if (isNamed(type, ITERATOR) || isNamed(type, ITERABLE)) {
      return Optional.of(UnsupportedStream.NOT_CLOSEABLE);
    } else if (!isNamed(type, STREAM) && !isNamed(type, PUBLISHER)) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    if (arguments.isEmpty()) {
      return Optional.of(UnsupportedStream.RAW);
    }
    TypeMirror element = arguments.get(0);
    if (element.getKind() == TypeKind.WILDCARD) {
      return Optional.of(UnsupportedStream.WILDCARD);
    } else if (isStreamLike(element)) {
      return Optional.of(UnsupportedStream.NESTED);
    } else if (isNamed(element, RESPONSE)) {
      return Optional.of(UnsupportedStream.RESPONSES);
    } else if (StructureParser.isResultRoot(element)) {
      return Optional.of(UnsupportedStream.STRUCTURED);
    }
    return Optional.of(UnsupportedStream.NOT_TEXT);
  }

  private static boolean isStreamLike(TypeMirror type) {
    return STREAM_LIKE.stream().anyMatch(name -> isNamed(type, name));
  }

  /** Whether {@code type} is {@code name<String>}. */
  private static boolean isOfString(TypeMirror type, String name) {
    return onlyTypeArgument(type, name).filter(t -> isNamed(t, STRING)).isPresent();
  }

  /** The argument of {@code type} if it is {@code name<T>}; empty if raw or not {@code name}. */
  private static Optional<TypeMirror> onlyTypeArgument(TypeMirror type, String name) {
    if (!isNamed(type, name)) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName().contentEquals(qualifiedName);
  }
}
