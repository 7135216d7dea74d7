package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import dev.llmcall.processor.ClientModel.Access;
import dev.llmcall.processor.ClientModel.Defaults;
import dev.llmcall.processor.ClientModel.Kind;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a client type into a {@link ClientModel}. It records what it finds, valid or not, and
 * leaves judging it to {@link ClientValidator}; it never reports anything itself.
 */
final class ClientParser {
  private final Elements elements;
  private final Types types;
  private final AnnotationValues values;
  private final Members members;
  private final MethodParser methodParser;
  private final Predicate<Element> inSource;

  /** @param inSource whether an element is declared in a source file of this compilation */
  ClientParser(Elements elements, Types types, Predicate<Element> inSource) {
    this.elements = elements;
    this.types = types;
    this.values = new AnnotationValues(elements);
    this.members = new Members(elements, types);
    this.methodParser = new MethodParser(elements, values, types, inSource);
    this.inSource = inSource;
  }

  ClientModel parse(TypeElement type) {
    ClassName name = ClassName.get(type);
    Optional<AnnotationMirror> client = AnnotationValues.find(type, AnnotationValues.LLM_CLIENT);
    SourceRef source = new SourceRef(type, client.orElse(null), null);
    Defaults defaults = defaults(type, client);
    String displayName = String.join(".", name.simpleNames());
    StructureParser structures = new StructureParser(elements, types, inSource);
    ToolSetParser toolSets = new ToolSetParser(elements, types, structures, inSource);
    Members.Visible visible = members.visible(type);
    List<MethodModel> methods = visible.methods().stream()
        .map(m -> methodParser.parse(m, type, defaults, structures, toolSets,
            Optional.ofNullable(visible.conflicts().get(m))))
        .toList();
    ClassName impl =
        ClassName.get(name.packageName(), "Llm" + String.join("_", name.simpleNames()));
    return new ClientModel(
        name,
        impl,
        displayName,
        kind(type),
        access(type),
        type.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).toList(),
        defaults,
        methods,
        structures.records(),
        memberTypeNames(type),
        isTakenInSource(impl),
        generatedReadable(type),
        source);
  }

  /**
  }

  /**
   * Whether a source declares {@code impl} itself, such as a hand-written {@code LlmAssistant}.
   * A class file of that name is left alone: it is usually this processor's output of an
   * earlier build.
   */
  private boolean isTakenInSource(ClassName impl) {
    TypeElement existing = elements.getTypeElement(impl.canonicalName());
    return existing != null && inSource.test(existing)
        && AnnotationValues.find(existing, "javax.annotation.processing.Generated")
            .flatMap(a -> values.get(existing, a, "value", List.class))
            .filter(v -> v.value().toString().contains(LlmClientProcessor.class.getName()))
            .isEmpty();
  }

  /**
   * Whether {@code @Generated} is visible from the type's module: a named module that requires
   * only dev.llmcall.runtime does not read java.compiler, and the generated class must compile
   * there too (issue 15).
   */
  private boolean generatedReadable(TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    return (module == null
        ? elements.getTypeElement(LlmClientProcessor.GENERATED)
        : elements.getTypeElement(module, LlmClientProcessor.GENERATED)) != null;
  }

  private Defaults defaults(TypeElement type, Optional<AnnotationMirror> client) {
    Optional<AnnotationMirror> retry = AnnotationValues.find(type, AnnotationValues.RETRY);
    Optional<AnnotationMirror> breaker =
        AnnotationValues.find(type, AnnotationValues.CIRCUIT_BREAKER);
    return new Defaults(
        client.flatMap(a -> values.nonEmptyString(type, a, "provider")),
        client.flatMap(a -> values.nonEmptyString(type, a, "model")),
        client.flatMap(a -> values.nonEmptyString(type, a, "system"))
            .map(s -> s.map(PromptTemplate::parse)),
        retry.flatMap(a -> values.get(type, a, "policy", String.class)),
        retry.map(a -> values.retryOverrides(type, a)).orElse(List.of()),
        retry.flatMap(a -> values.resumeStream(type, a)),
        breaker.flatMap(a -> values.get(type, a, "provider", String.class)),
        AnnotationValues.find(type, AnnotationValues.FALLBACK).map(a -> values.fallback(type, a)),
        AnnotationValues.find(type, AnnotationValues.HEDGE).map(a -> values.hedge(type, a)));
  }

  private static Kind kind(TypeElement type) {
    switch (type.getKind()) {
      case INTERFACE:
        return Kind.INTERFACE;
      case ENUM:
        return Kind.ENUM;
      case RECORD:
        return Kind.RECORD;
      case ANNOTATION_TYPE:
        return Kind.ANNOTATION_TYPE;
      default:
        return Kind.CLASS;
    }
  }

  private static Access access(TypeElement type) {
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return Access.LOCAL;
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return Access.PRIVATE;
    }
    boolean isPublic = type.getModifiers().contains(Modifier.PUBLIC);
    for (Element outer = type.getEnclosingElement();
        outer.getKind() != ElementKind.PACKAGE;
        outer = outer.getEnclosingElement()) {
      if (!outer.getKind().isClass() && !outer.getKind().isInterface()) {
        return Access.LOCAL;
      }
      if (outer.getModifiers().contains(Modifier.PRIVATE)) {
        return Access.IN_PRIVATE_TYPE;
      }
      isPublic &= outer.getModifiers().contains(Modifier.PUBLIC);
    }
    return isPublic ? Access.PUBLIC : Access.PACKAGE_PRIVATE;
  }

  /** Member types the generated class inherits from the interface and its super-interfaces. */
  private List<String> memberTypeNames(TypeElement type) {
    TreeSet<String> names = new TreeSet<>();
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind().isClass() || member.getKind().isInterface()) {
        names.add(member.getSimpleName().toString());
      }
    }
    return List.copyOf(names);
  }
}
