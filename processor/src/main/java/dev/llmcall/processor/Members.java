package dev.llmcall.processor;

import static javax.lang.model.util.ElementFilter.methodsIn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds the methods of a client type that the processor looks at, in a stable order: for an
 * interface, the abstract methods it declares or inherits (own first, then each super-interface
 * depth first) and its own {@code @LlmCall} methods; for any other type, its {@code @LlmCall}
 * methods. Also tells whether any of their signatures refers to a type that does not exist yet.
 */
final class Members {
  private final Elements elements;
  private final Types types;

  Members(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  List<ExecutableElement> of(TypeElement type) {
    return visible(type).methods();
  }

  /** {@link #of}, with the {@code @LlmCall} methods that another super-interface contradicts. */
  Visible visible(TypeElement type) {
    if (type.getKind() != ElementKind.INTERFACE) {
      return new Visible(
          methodsIn(type.getEnclosedElements()).stream().filter(Members::hasLlmCall).toList(),
          Map.of());
    }
    List<ExecutableElement> visible = new ArrayList<>();
    Map<ExecutableElement, TypeElement> conflicts = new LinkedHashMap<>();
    collect(type, type, visible, conflicts, new HashSet<>());
    return new Visible(
        visible.stream()
            .filter(m -> hasLlmCall(m) || (isAbstract(m) && !isObjectMethod(m)))
            .toList(),
        conflicts);
  }

  /**
   * The methods of a client type, and for each {@code @LlmCall} method inherited from two
   * unrelated super-interfaces with different {@code @LlmCall}s, the other one's type (#15).
   */
  record Visible(List<ExecutableElement> methods, Map<ExecutableElement, TypeElement> conflicts) {
    Visible {
      methods = List.copyOf(methods);
      conflicts = Collections.unmodifiableMap(new LinkedHashMap<>(conflicts));
    }
  }

  /**
   * Whether {@code type}'s super-interfaces, or signatures of {@link #of}, name a missing type,
   * also through the components of records they use (#6).
   */
  boolean referencesUndefinedTypes(TypeElement type) {
    if (type.getInterfaces().stream().anyMatch(Members::isUndefined)) {
      return true;
    }
    Set<String> records = new HashSet<>();
    for (ExecutableElement method : of(type)) {
      if (isUndefined(method.getReturnType())
          || recordUsesUndefined(method.getReturnType(), records)
          || method.getThrownTypes().stream().anyMatch(Members::isUndefined)) {
        return true;
      }
      for (VariableElement param : method.getParameters()) {
        if (isUndefined(param.asType()) || recordUsesUndefined(param.asType(), records)
            || param.getAnnotationMirrors().stream()
                .anyMatch(a -> isUndefined(a.getAnnotationType()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a record in {@code type}, at any depth, has a component of a missing type. */
  private static boolean recordUsesUndefined(TypeMirror type, Set<String> seen) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) type;
    if (declared.getTypeArguments().stream().anyMatch(t -> recordUsesUndefined(t, seen))) {
      return true;
    }
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() != ElementKind.RECORD
        || !seen.add(element.getQualifiedName().toString())) {
      return false;
    }
    return element.getRecordComponents().stream().map(c -> c.asType())
        .anyMatch(t -> isUndefined(t) || recordUsesUndefined(t, seen));
  }

  private void collect(TypeElement client, TypeElement current, List<ExecutableElement> visible,
      Map<ExecutableElement, TypeElement> conflicts, Set<String> done) {
    if (!done.add(current.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : methodsIn(current.getEnclosedElements())) {
      boolean inheritable = !method.getModifiers().contains(Modifier.STATIC)
          && !method.getModifiers().contains(Modifier.PRIVATE);
      if (current.equals(client) || inheritable) {
        int same = indexOfSameSignature(visible, method, client);
        if (same < 0) {
          visible.add(method);
        } else if (replaces(method, visible.get(same))) {
          visible.set(same, method);
        } else if (contradicts(method, visible.get(same))) {
          conflicts.putIfAbsent(visible.get(same), current);
        }
      }
    }
    for (TypeMirror superInterface : current.getInterfaces()) {
      if (superInterface.getKind() == TypeKind.DECLARED) {
        collect(client, (TypeElement) types.asElement(superInterface), visible, conflicts, done);
      }
    }
  }

  private int indexOfSameSignature(
      List<ExecutableElement> visible, ExecutableElement method, TypeElement client) {
    DeclaredType site = (DeclaredType) client.asType();
    for (int i = 0; i < visible.size(); i++) {
      ExecutableElement other = visible.get(i);
      if (other.getSimpleName().equals(method.getSimpleName())
          && subsignature(site, other, method)) {
        return i;
      }
    }
    return -1;
  }

  private boolean subsignature(DeclaredType site, ExecutableElement a, ExecutableElement b) {
    ExecutableType aType = (ExecutableType) types.asMemberOf(site, a);
    ExecutableType bType = (ExecutableType) types.asMemberOf(site, b);
    return types.isSubsignature(aType, bType) || types.isSubsignature(bType, aType);
  }

  /**
   * Of two abstract methods with one signature from unrelated super-interfaces, the one with
   * {@code @LlmCall} is the one to implement; a method in a sub-interface always wins.
   */
  private boolean replaces(ExecutableElement candidate, ExecutableElement kept) {
    TypeMirror keptOwner = owner(kept);
    TypeMirror candidateOwner = owner(candidate);
    if (types.isSubtype(keptOwner, candidateOwner)) {
      return false;
    } else if (types.isSubtype(candidateOwner, keptOwner)) {
      // Reached the overridden one first, through another path: the override is what counts.
      return true;
    }
    return isAbstract(kept) && !hasLlmCall(kept) && hasLlmCall(candidate);
  }

  /**
   * Whether two abstract methods with one signature, from unrelated super-interfaces, have
   * {@code @LlmCall}s that say different things, so that neither can be picked silently.
   */
  private boolean contradicts(ExecutableElement candidate, ExecutableElement kept) {
    if (types.isSubtype(owner(kept), owner(candidate))
        || !isAbstract(kept) || !isAbstract(candidate)) {
      return false;
    }
    Optional<AnnotationMirror> a = AnnotationValues.find(kept, AnnotationValues.LLM_CALL);
    Optional<AnnotationMirror> b = AnnotationValues.find(candidate, AnnotationValues.LLM_CALL);
    return a.isPresent() && b.isPresent() && !values(a.get()).equals(values(b.get()));
  }

  /** An annotation's members with defaults, as text, to compare two annotations by value. */
  private Map<String, String> values(AnnotationMirror annotation) {
    Map<String, String> values = new TreeMap<>();
    elements.getElementValuesWithDefaults(annotation).forEach(
        (member, value) -> values.put(member.getSimpleName().toString(), value.toString()));
    return values;
  }

  private TypeMirror owner(ExecutableElement method) {
    return types.erasure(method.getEnclosingElement().asType());
  }

  /** {@code String toString();} and the like, which {@code Object} already implements. */
  private boolean isObjectMethod(ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    return methodsIn(object.getEnclosedElements()).stream()
        .filter(m -> m.getModifiers().contains(Modifier.PUBLIC))
        .anyMatch(m -> m.getSimpleName().equals(method.getSimpleName())
            && types.isSubsignature(
                (ExecutableType) method.asType(), (ExecutableType) m.asType()));
  }

  private static boolean isAbstract(ExecutableElement method) {
    return method.getModifiers().contains(Modifier.ABSTRACT);
  }

  private static boolean hasLlmCall(ExecutableElement method) {
    return AnnotationValues.find(method, AnnotationValues.LLM_CALL).isPresent();
  }

  private static boolean isUndefined(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case ARRAY:
        return isUndefined(((ArrayType) type).getComponentType());
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream().anyMatch(Members::isUndefined);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && isUndefined(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && isUndefined(wildcard.getSuperBound()));
      default:
        return false;
    }
  }
}
