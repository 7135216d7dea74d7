package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the processor knows about one client type: an interface annotated
 * {@code @LlmClient} or declaring {@code @LlmCall} methods (or a class that wrongly does so).
 * Writers see only this; validators also read its {@link SourceRef}s.
 *
 * @param type the client type
 * @param impl the class to generate, {@code LlmFoo} or {@code LlmOuter_Foo}, in the same package
 * @param displayName the simple names from the outermost type, {@code Outer.Foo}
 * @param kind whether it is an interface, a class, ...
 * @param access whether a top-level class in the same package can implement it
 * @param typeParameters the names of the type's own type parameters
 * @param defaults the values of the type's {@code @LlmClient}, {@code @Retry} and
 *     {@code @CircuitBreaker}
 * @param methods the abstract methods to implement and the {@code @LlmCall} methods to check,
 *     own methods first, each in declaration order
 * @param records the records its methods read or write as JSON, and the records those use, each
 *     once (#6)
 * @param memberTypeNames simple names of member types the generated class inherits, which
 *     would hide imported types of the same name; sorted
 * @param implNameTaken whether a source of the compilation already declares a type called
 *     {@link #impl}, which llmcall did not write (#15)
 * @param generatedReadable whether the type's module can read {@code @Generated} (a named module
 *     must read {@code java.compiler}); the generated class carries it only then
 * @param source the type, and its {@code @LlmClient} annotation if it has one
 */
record ClientModel(
    ClassName type,
    ClassName impl,
    String displayName,
    Kind kind,
    Access access,
    List<String> typeParameters,
    Defaults defaults,
    List<MethodModel> methods,
    List<RecordModel> records,
    List<String> memberTypeNames,
    boolean implNameTaken,
    boolean generatedReadable,
    SourceRef source) {

  ClientModel {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(impl, "impl == null");
    if (!impl.packageName().equals(type.packageName()) || impl.enclosingClassName() != null) {
      throw new IllegalArgumentException(impl + " must be top-level in the package of " + type);
    }
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(access, "access == null");
    typeParameters = List.copyOf(typeParameters);
    Objects.requireNonNull(defaults, "defaults == null");
    methods = List.copyOf(methods);
    records = List.copyOf(records);
    memberTypeNames = List.copyOf(memberTypeNames);
    Objects.requireNonNull(source, "source == null");
  }

  /** The record called {@code name}; every record a structured type refers to is here. */
  RecordModel record(ClassName name) {
    return records.stream().filter(r -> r.type().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no record " + name));
  }

  /**
   * The records {@code roots} use, directly or through other records, each once, depth first in
   * component order: the order their generated methods are written in.
   */
  List<RecordModel> recordsUsedBy(List<StructuredType> roots) {
    Map<ClassName, RecordModel> found = new LinkedHashMap<>();
    roots.forEach(root -> collect(root, found));
    return List.copyOf(found.values());
  }

  private void collect(StructuredType type, Map<ClassName, RecordModel> found) {
    for (ClassName name : type.records()) {
      if (!found.containsKey(name)) {
        RecordModel record = record(name);
        found.put(name, record);
        record.components().forEach(c -> collect(c.type(), found));
      }
    }
  }

  /** The tool sets its methods take, each once, in order of first use (#12). */
  List<ToolSetModel> toolSets() {
    Map<TypeName, ToolSetModel> found = new LinkedHashMap<>();
    methods.forEach(m -> m.toolSet().ifPresent(t -> found.putIfAbsent(t.type(), t)));
    return List.copyOf(found.values());
  }

  /**
   * Interface-level settings that methods inherit, each as written on the interface.
   *
   * @param provider {@code @LlmClient(provider)}, if not empty
   * @param model {@code @LlmClient(model)}, if not empty
   * @param system {@code @LlmClient(system)}, if not empty
   * @param retryPolicy {@code @Retry(policy)} on the interface
   * @param retryOverrides the numeric members set on the interface's {@code @Retry}
   * @param resumeStream {@code resumeStream} on the interface's {@code @Retry}, if true
   * @param circuitBreaker {@code @CircuitBreaker(provider)} on the interface
   * @param fallback {@code @Fallback} on the interface
   * @param hedge {@code @Hedge} on the interface
   */
  record Defaults(
      Optional<Setting<String>> provider,
      Optional<Setting<String>> model,
      Optional<Setting<PromptTemplate>> system,
      Optional<Setting<String>> retryPolicy,
      List<Setting<CallModel.RetryOverride>> retryOverrides,
      Optional<Setting<Boolean>> resumeStream,
      Optional<Setting<String>> circuitBreaker,
      Optional<FallbackModel> fallback,
      Optional<HedgeModel> hedge) {

    Defaults {
      Objects.requireNonNull(provider, "provider == null");
      Objects.requireNonNull(model, "model == null");
      Objects.requireNonNull(system, "system == null");
      Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      retryOverrides = List.copyOf(retryOverrides);
      Objects.requireNonNull(resumeStream, "resumeStream == null");
      Objects.requireNonNull(circuitBreaker, "circuitBreaker == null");
      Objects.requireNonNull(fallback, "fallback == null");
      Objects.requireNonNull(hedge, "hedge == null");
    }
  }

  /** The kinds of type a client annotation may end up on; only {@link #INTERFACE} is valid. */
  enum Kind {
    INTERFACE("an interface"),
    CLASS("a class"),
    ENUM("an enum"),
    RECORD("a record"),
    ANNOTATION_TYPE("an annotation type");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** As in "Foo is a class". */
    String description() {
      return description;
    }
  }

  /** Whether the generated top-level class can implement the type. */
  enum Access {
    PUBLIC(true, "public"),
    PACKAGE_PRIVATE(true, "package-private"),
    PRIVATE(false, "private"),
    IN_PRIVATE_TYPE(false, "nested in a private type"),
    LOCAL(false, "declared inside a method");

    private final boolean implementable;
    private final String description;

    Access(boolean implementable, String description) {
      this.implementable = implementable;
      this.description = description;
    }

    boolean implementable() {
      return implementable;
    }

    /** As in "Foo is private". */
    String description() {
      return description;
    }
  }
}
