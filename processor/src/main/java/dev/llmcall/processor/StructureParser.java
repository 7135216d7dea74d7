package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.StructuredType.ContainerKind;
import dev.llmcall.processor.StructuredType.Problem;
import dev.llmcall.processor.StructuredType.ScalarKind;
import dev.llmcall.processor.StructuredType.Unsupported;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads Java types into {@link StructuredType}s and the records they use into
 * {@link RecordModel}s, once per record, for one client (#6). Like the other parsers it records
 * what it finds, valid or not: a type it cannot map becomes {@link Unsupported}.
 */
final class StructureParser {
  private static final Map<String, ScalarKind> SCALARS = Map.ofEntries(
      Map.entry("java.lang.String", ScalarKind.STRING),
      Map.entry("java.lang.Boolean", ScalarKind.BOOLEAN),
      Map.entry("java.lang.Integer", ScalarKind.INT),
      Map.entry("java.lang.Long", ScalarKind.LONG),
      Map.entry("java.lang.Double", ScalarKind.DOUBLE),
      Map.entry("java.lang.Character", ScalarKind.CHAR),
      Map.entry("java.math.BigDecimal", ScalarKind.DECIMAL),
      Map.entry("java.time.LocalDate", ScalarKind.DATE),
      Map.entry("java.time.LocalDateTime", ScalarKind.DATE_TIME),
      Map.entry("java.time.Instant", ScalarKind.INSTANT));
  /** Numbers without a range-checked reader; rejected rather than silently truncated. */
  private static final Set<String> NARROW_NUMBERS =
      Set.of("java.lang.Short", "java.lang.Byte", "java.lang.Float");
  private static final Map<String, ContainerKind> CONTAINERS = Map.of(
      "java.util.List", ContainerKind.LIST,
      "java.util.Set", ContainerKind.SET,
      "java.util.Map", ContainerKind.MAP,
      "java.util.Optional", ContainerKind.OPTIONAL);

  private final Elements elements;
  private final Types types;
  private final AnnotationValues values;
  /** Qualified names of records read, each added before its components are read. */
  private final Set<String> seen = new HashSet<>();
  private final Map<String, RecordModel> records = new LinkedHashMap<>();

  private final Predicate<Element> inSource;

  StructureParser(Elements elements, Types types, Predicate<Element> inSource) {
    this.elements = elements;
    this.types = types;
    this.values = new AnnotationValues(elements);
    this.inSource = inSource;
  }

  /** Whether {@code type} is a record, an enum, or a {@code List} of either: a result root. */
  static boolean isResultRoot(TypeMirror type) {
    if (isRecordOrEnum(type)) {
      return true;
    }
    if (type.getKind() != TypeKind.DECLARED || !isNamed(type, "java.util.List")) {
      return false;
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 && isRecordOrEnum(arguments.get(0));
  }

  /** A result root or a parameter type, where {@code Optional} is not allowed. */
  StructuredType parse(TypeMirror type) {
    return parse(type, false);
  }

  /** Every record read so far, each once. */
  List<RecordModel> records() {
    return List.copyOf(records.values());
  }

  private StructuredType parse(TypeMirror type, boolean optionalAllowed) {
    TypeName name = TypeName.get(type);
    switch (type.getKind()) {
      case BOOLEAN:
        return new StructuredType.Scalar(ScalarKind.BOOLEAN, name);
      case INT:
        return new StructuredType.Scalar(ScalarKind.INT, name);
      case LONG:
        return new StructuredType.Scalar(ScalarKind.LONG, name);
      case DOUBLE:
        return new StructuredType.Scalar(ScalarKind.DOUBLE, name);
      case CHAR:
        return new StructuredType.Scalar(ScalarKind.CHAR, name);
      case SHORT:
      case BYTE:
      case FLOAT:
        return new Unsupported(name, Problem.NARROW_NUMBER);
      case ARRAY:
        return new Unsupported(name, Problem.ARRAY);
      case DECLARED:
        return declared((DeclaredType) type, name, optionalAllowed);
      default:
        return new Unsupported(name, Problem.NOT_STRUCTURED);
    }
  }

  private StructuredType declared(DeclaredType type, TypeName name, boolean optionalAllowed) {
    TypeElement element = (TypeElement) type.asElement();
    String qualified = element.getQualifiedName().toString();
    if (SCALARS.containsKey(qualified)) {
      return new StructuredType.Scalar(SCALARS.get(qualified), name);
    } else if (NARROW_NUMBERS.contains(qualified)) {
      return new Unsupported(name, Problem.NARROW_NUMBER);
    } else if (CONTAINERS.containsKey(qualified)) {
      return container(type, name, CONTAINERS.get(qualified), optionalAllowed);
    } else if (element.getNestingKind() == NestingKind.LOCAL
        || element.getNestingKind() == NestingKind.ANONYMOUS) {
      // Generated code cannot name it; javac has already said what is wrong.
      return new Unsupported(name, Problem.NOT_STRUCTURED);
    } else if (element.getKind() == ElementKind.ENUM) {
      return enumType(element);
    } else if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        return new Unsupported(name, Problem.GENERIC_RECORD);
      }
      record(element);
      return new StructuredType.RecordType(ClassName.get(element));
    }
    return new Unsupported(name, Problem.NOT_STRUCTURED);
  }

  private StructuredType container(
      DeclaredType type, TypeName name, ContainerKind kind, boolean optionalAllowed) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (arguments.isEmpty()) {
      return new Unsupported(name, Problem.RAW);
    } else if (arguments.stream().anyMatch(a -> a.getKind() == TypeKind.WILDCARD)) {
      return new Unsupported(name, Problem.WILDCARD);
    } else if (kind == ContainerKind.OPTIONAL && !optionalAllowed) {
      return new Unsupported(name, Problem.NESTED_OPTIONAL);
    } else if (kind == ContainerKind.MAP && !isNamed(arguments.get(0), "java.lang.String")) {
      return new Unsupported(name, Problem.MAP_KEY);
    }
    TypeMirror element = arguments.get(arguments.size() - 1);
    return new StructuredType.Container(kind, name, parse(element, false));
  }

  private StructuredType enumType(TypeElement element) {
    List<String> constants = element.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
        .map(e -> e.getSimpleName().toString())
        .toList();
    return new StructuredType.EnumType(ClassName.get(element), constants, description(element));
  }

  /** Reads a record and, through its components, every record it uses, each once. */
  private void record(TypeElement element) {
    String qualified = element.getQualifiedName().toString();
    if (!seen.add(qualified)) {
      return;
    }
    List<RecordModel.Component> components =
        element.getRecordComponents().stream().map(this::component).toList();
    ClassName name = ClassName.get(element);
    records.put(qualified, new RecordModel(
        name,
        String.join(".", name.simpleNames()),
        description(element),
        components,
        declaresCanonicalConstructor(element),
        !inSource.test(element),
        SourceRef.of(element)));
  }

  private RecordModel.Component component(RecordComponentElement component) {
    TypeMirror type = component.asType();
    // A declaration @Nullable may land on the component or only on its accessor, depending on
    // its @Target; a type-use one is on the type.
    boolean nullable = !type.getKind().isPrimitive()
        && (isNullable(component.getAnnotationMirrors())
            || isNullable(type.getAnnotationMirrors())
            || (component.getAccessor() != null
                && isNullable(component.getAccessor().getAnnotationMirrors())));
    return new RecordModel.Component(
        component.getSimpleName().toString(),
        parse(type, true),
        nullable,
        description(component),
        SourceRef.of(location(component)));
  }

  /**
   * A parameter of a tool (#12), read as a record component is: one property of the tool's
   * arguments object, {@code Optional} allowed as its whole type.
   *
   * @param type its type as a member of the tool set, type arguments substituted
   */
  RecordModel.Component parameter(VariableElement param, TypeMirror type) {
    boolean nullable = !type.getKind().isPrimitive()
        && (isNullable(param.getAnnotationMirrors()) || isNullable(type.getAnnotationMirrors()));
    return new RecordModel.Component(param.getSimpleName().toString(), parse(type, true),
        nullable, description(param), SourceRef.of(param));
  }

  /**
   * Where javac can point at a component: JDK 17 prints a diagnostic on the component element
   * itself without a location, but one on the record's field of that name at the component.
   */
  private static Element location(RecordComponentElement component) {
    return ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements()).stream()
        .filter(f -> f.getSimpleName().equals(component.getSimpleName()))
        .<Element>map(f -> f)
        .findFirst()
        .orElse(component);
  }

  /** Whether the record declares its canonical constructor, compact or not. */
  private boolean declaresCanonicalConstructor(TypeElement record) {
    List<? extends RecordComponentElement> components = record.getRecordComponents();
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(record.getEnclosedElements())) {
      if (isCanonical(constructor, components)) {
        return elements.getOrigin(constructor) != Elements.Origin.MANDATED;
      }
    }
    return false;
  }

  private boolean isCanonical(
      ExecutableElement constructor, List<? extends RecordComponentElement> components) {
    if (constructor.getParameters().size() != components.size()) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) {
      if (!types.isSameType(types.erasure(constructor.getParameters().get(i).asType()),
          types.erasure(components.get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> description(Element element) {
    return AnnotationValues.find(element, AnnotationValues.DESCRIPTION)
        .flatMap(a -> values.nonEmptyString(element, a, "value"))
        .map(Setting::value)
        .filter(s -> !s.isBlank());
  }

  private static boolean isNullable(List<? extends AnnotationMirror> annotations) {
    return annotations.stream().anyMatch(
        a -> a.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable"));
  }

  /** A record or an enum, but not the runtime's own {@code LlmResponse}, which wraps one. */
  private static boolean isRecordOrEnum(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED || isNamed(type, RuntimeNames.LLM_RESPONSE.canonicalName())) {
      return false;
    }
    ElementKind kind = ((DeclaredType) type).asElement().getKind();
    return kind == ElementKind.RECORD || kind == ElementKind.ENUM;
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName().contentEquals(qualifiedName);
  }
}
