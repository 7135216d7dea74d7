package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.ToolSetModel.ToolModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads the type of a method parameter into a {@link ToolSetModel} if any of its methods is a
 * {@code @Tool} (#12), each tool set once per client. The types of the tools' parameters and
 * results go through the client's {@link StructureParser}, so that they follow the rules of
 * structured output and share its records. Like the other parsers it records what it finds,
 * valid or not.
 */
final class ToolSetParser {
  private final Elements elements;
  private final Types types;
  private final AnnotationValues values;
  private final StructureParser structures;
  private final Predicate<Element> inSource;
  private final Map<TypeName, ToolSetModel> parsed = new HashMap<>();

  ToolSetParser(Elements elements, Types types, StructureParser structures,
      Predicate<Element> inSource) {
    this.elements = elements;
    this.types = types;
    this.values = new AnnotationValues(elements);
    this.structures = structures;
    this.inSource = inSource;
  }

  /** The tool set that {@code type} is; empty if none of its methods is a {@code @Tool}. */
  Optional<ToolSetModel> parse(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    List<ExecutableElement> methods = methods(element);
    if (methods.stream().noneMatch(m -> AnnotationValues.find(m, AnnotationValues.TOOL).isPresent())) {
      return Optional.empty();
    }
    TypeName name = TypeName.get(type).withoutAnnotations();
    ToolSetModel known = parsed.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    List<ToolModel> tools = new ArrayList<>();
    List<SourceRef> untagged = new ArrayList<>();
    List<SourceRef> misplaced = new ArrayList<>();
    for (ExecutableElement method : methods) {
      Optional<AnnotationMirror> tool = AnnotationValues.find(method, AnnotationValues.TOOL);
      if (tool.isPresent() && !isInstanceMethod(method)) {
        misplaced.add(SourceRef.of(method, tool.get()));
      } else if (tool.isPresent()) {
        tools.add(tool(declared, method, tool.get()));
      } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        untagged.add(SourceRef.of(method));
      }
    }
    ToolSetModel toolSet = new ToolSetModel(
        name,
        String.join(".", ClassName.get(element).simpleNames()),
        element.getKind() == ElementKind.INTERFACE,
        tools,
        untagged,
        misplaced,
        !inSource.test(element),
        SourceRef.of(element));
    parsed.put(name, toolSet);
    return Optional.of(toolSet);
  }

  private ToolModel tool(DeclaredType toolSet, ExecutableElement method, AnnotationMirror tool) {
    ExecutableType member = memberType(toolSet, method);
    List<RecordModel.Component> params = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      params.add(structures.parameter(
          method.getParameters().get(i), member.getParameterTypes().get(i)));
    }
    TypeMirror result = member.getReturnType();
    String methodName = method.getSimpleName().toString();
    return new ToolModel(
        values.nonEmptyString(method, tool, "name")
            .orElseGet(() -> new Setting<>(methodName, SourceRef.of(method, tool), false)),
        methodName,
        values.get(method, tool, "value", String.class)
            .orElseGet(() -> new Setting<>("", SourceRef.of(method, tool), false)),
        params,
        result.getKind() == TypeKind.VOID ? Optional.empty() : Optional.of(structures.parse(result)),
        method.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).toList(),
        SourceRef.of(method, tool));
  }

  /** A method that an implementation of the tool set can run: not static, not private. */
  private static boolean isInstanceMethod(ExecutableElement method) {
    return !method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.PRIVATE);
  }

  /** The method's type in {@code toolSet}, so that a {@code Tools<String>}'s T is String. */
  private ExecutableType memberType(DeclaredType toolSet, ExecutableElement method) {
    try {
      return (ExecutableType) types.asMemberOf(toolSet, method);
    } catch (IllegalArgumentException e) {
      return (ExecutableType) method.asType();
    }
  }

  /**
   * The methods of {@code type} and of its super-interfaces, own ones first, each in declaration
   * order; a method overridden by one already found is left out.
   */
  private List<ExecutableElement> methods(TypeElement type) {
    List<ExecutableElement> found = new ArrayList<>();
    collect(type, type, found, new HashSet<>());
    return found;
  }

  private void collect(TypeElement root, TypeElement type, List<ExecutableElement> found,
      Set<String> seen) {
    if (!seen.add(type.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!isInstanceMethod(method)
          || found.stream().noneMatch(f -> elements.overrides(f, method, root))) {
        found.add(method);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect(root, (TypeElement) types.asElement(parent), found, seen);
    }
  }
}
