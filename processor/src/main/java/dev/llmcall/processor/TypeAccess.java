package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the first type of a method that the generated class, top-level in the client's package,
 * could not name: a private type, one nested in a private type, or a package-private (or
 * protected) one of another package (#15). It looks at the signature as a member of the client,
 * and into the components of the records that the generated decoders and encoders name, each
 * record once. One instance per method.
 */
final class TypeAccess {
  private final Elements elements;
  private final String pkg;
  private final Set<String> records = new HashSet<>();
  private Optional<MethodModel.Inaccessible> found = Optional.empty();

  TypeAccess(Elements elements, TypeElement client) {
    this.elements = elements;
    this.pkg = elements.getPackageOf(client).getQualifiedName().toString();
  }

  /**
   * @param member the method's type as a member of the client
   * @param json for each parameter, whether it is rendered as JSON or is a tool set, so that
   *     generated code names the components of its records, or the types of its tools
   */
  Optional<MethodModel.Inaccessible> firstInaccessible(ExecutableType member, List<Boolean> json) {
    check(member.getReturnType(), true);
    for (int i = 0; i < json.size(); i++) {
      check(member.getParameterTypes().get(i), json.get(i));
    }
    member.getThrownTypes().forEach(t -> check(t, false));
    return found;
  }

  /** @param components whether to look into the components of records */
  private void check(TypeMirror type, boolean components) {
    if (found.isPresent()) {
      return;
    }
    switch (type.getKind()) {
      case ARRAY -> check(((ArrayType) type).getComponentType(), components);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          check(wildcard.getExtendsBound(), components);
        }
        if (wildcard.getSuperBound() != null) {
          check(wildcard.getSuperBound(), components);
        }
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        found = reason(element);
        declared.getTypeArguments().forEach(t -> check(t, components));
        if (components && element.getKind() == ElementKind.RECORD
            && records.add(element.getQualifiedName().toString())) {
          element.getRecordComponents().forEach(c -> check(c.asType(), true));
        } else if (components && element.getKind() == ElementKind.INTERFACE
            && records.add(element.getQualifiedName().toString())) {
          // A tool set (#12): its dispatcher names the types of its tools.
          for (ExecutableElement tool : ElementFilter.methodsIn(element.getEnclosedElements())) {
            if (AnnotationValues.find(tool, AnnotationValues.TOOL).isPresent()) {
              tool.getParameters().forEach(p -> check(p.asType(), true));
              check(tool.getReturnType(), true);
            }
          }
        }
      }
      default -> { }
    }
  }

  private Optional<MethodModel.Inaccessible> reason(TypeElement type) {
    String name = String.join(".", ClassName.get(type).simpleNames());
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = t.getModifiers();
      String nested = e == type ? "" : "nested in " + t.getSimpleName() + ", which is ";
      String where = elements.getPackageOf(t).getQualifiedName().toString();
      if (modifiers.contains(Modifier.PRIVATE)) {
        return Optional.of(new MethodModel.Inaccessible(name, nested + "private",
            "make " + t.getSimpleName() + " at least package-private"));
      } else if (!modifiers.contains(Modifier.PUBLIC) && !where.equals(pkg)) {
        String access = modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private";
        return Optional.of(new MethodModel.Inaccessible(name,
            nested + access + " in " + (where.isEmpty() ? "the unnamed package" : where),
            "make " + t.getSimpleName() + " public"));
      }
    }
    return Optional.empty();
  }
}
