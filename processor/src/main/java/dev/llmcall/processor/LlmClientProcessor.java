package dev.llmcall.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Turns every interface annotated {@code @LlmClient}, or declaring {@code @LlmCall} methods, into
 * a generated {@code Llm<Name>} class and its {@linkplain ClientIndexWriter index entry}: parse
 * into a model, validate, and write only if clean. It never throws; a crash becomes one error
 * diagnostic.
 */
@AutoService(Processor.class)
public final class LlmClientProcessor extends AbstractProcessor {
  /** On generated classes where the interface's module can read it (see ClientParser). */
  static final String GENERATED = "javax.annotation.processing.Generated";

  private final Function<ClientModel, JavaFile> writer;
  private final ClientValidator validator = new ClientValidator();
  private final List<String> exceptionStacks = new ArrayList<>();
  /** Qualified names of types whose signatures referred to missing types, to retry next round. */
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> finished = new HashSet<>();
  /** Qualified names of the top-level types of this compilation's sources, all rounds so far. */
  private final Set<String> sourceTypes = new HashSet<>();
  /** The classes this processor wrote, whose {@code @Generated} it claims. */
  private final Set<String> written = new HashSet<>();
  /** A processor/runtime version mismatch, once checked; {@code null} before (issue 15). */
  private Optional<VersionGuard.Problem> versionProblem;
  private Elements elements;
  private Members members;
  private ClientParser parser;
  private Diagnostics diagnostics;
  private SourceEmitter emitter;

  public LlmClientProcessor() {
    this(ClientImplWriter::write);
  }

  /** For tests: a processor with another writer, such as one that crashes. */
  LlmClientProcessor(Function<ClientModel, JavaFile> writer) {
    this.writer = Objects.requireNonNull(writer, "writer == null");
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    members = new Members(elements, env.getTypeUtils());
    parser = new ClientParser(elements, env.getTypeUtils(), this::inSource);
    diagnostics = new Diagnostics(env.getMessager());
    emitter = new SourceEmitter(env.getFiler(), diagnostics);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AnnotationValues.LLM_CLIENT, AnnotationValues.LLM_CALL, AnnotationValues.RETRY,
        AnnotationValues.CIRCUIT_BREAKER, AnnotationValues.DESCRIPTION, AnnotationValues.TOOL,
        AnnotationValues.IMAGE_INPUT, AnnotationValues.MODEL, AnnotationValues.FALLBACK, AnnotationValues.HEDGE,
        GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Claims llmcall's annotations, so that {@code -Xlint:processing} does not warn that no
   * processor claimed them (issue 15; house rule 6 said false, but no other processor has a use
   * for them). {@code @Generated} is claimed only in a round where this processor wrote every
   * class that carries it.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        reportStillUndefined();
      } else {
        processRound(round);
      }
      return claims(annotations, round);
    } catch (RuntimeException e) {
      reportCrash(null, e);
      return false;
    }
  }

  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(GENERATED)) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          if (!(element instanceof TypeElement type)
              || !written.contains(type.getQualifiedName().toString())) {
            return false;
          }
        }
      }
    }
    return true;
  }


  /** The stack traces of crashes turned into diagnostics, for tests to assert there were none. */
  List<String> exceptionStacks() {
    return List.copyOf(exceptionStacks);
  }

  private void processRound(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        sourceTypes.add(type.getQualifiedName().toString());
      }
    }
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    deferred.clear();
    types.addAll(candidates(round));
    for (TypeElement type : types) {
      try {
        processType(type);
      } catch (RuntimeException e) {
        reportCrash(type, e);
      }
    }
  }

  /** Types annotated {@code @LlmClient}, and types with an {@code @LlmCall} method. */
  private Set<TypeElement> candidates(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    TypeElement client = elements.getTypeElement(AnnotationValues.LLM_CLIENT);
    if (client != null) {
      for (Element element : round.getElementsAnnotatedWith(client)) {
        if (element instanceof TypeElement type) {
          types.add(type);
        }
      }
    }
    TypeElement call = elements.getTypeElement(AnnotationValues.LLM_CALL);
    if (call != null) {
      for (Element element : round.getElementsAnnotatedWith(call)) {
        if (element.getEnclosingElement() instanceof TypeElement type && !isGenericBase(type)) {
          types.add(type);
        }
      }
    }
    return types;
  }

  /**
   * A generic interface without {@code @LlmClient}, such as {@code Classifier<T>}: a base for
   * clients that fix its type arguments, checked as part of each of them (#15), never on its own.
   */
  private static boolean isGenericBase(TypeElement type) {
    return type.getKind() == ElementKind.INTERFACE && !type.getTypeParameters().isEmpty()
        && AnnotationValues.find(type, AnnotationValues.LLM_CLIENT).isEmpty();
  }

  private void processType(TypeElement type) {
    String name = type.getQualifiedName().toString();
    if (finished.contains(name)) {
      return;
    }
    // Another processor may generate the missing type in a later round (rule 12).
    if (type.getKind() == ElementKind.INTERFACE && !name.isEmpty()
        && members.referencesUndefinedTypes(type)) {
      deferred.add(name);
      return;
    }
    finished.add(name);
    if (versionMismatch(type)) {
      return;
    }
    ClientModel client = parser.parse(type);
    ValidationReport report = validator.validate(client);
    diagnostics.print(report);
    if (report.isClean()) {
      emitter.emit(writer.apply(client), client.source());
      emitter.emit(ClientIndexWriter.write(client), client.source());
      written.add(client.impl().canonicalName());
    }
  }

  /** Reports a version mismatch once, on the first client; after one, nothing is written. */
  private boolean versionMismatch(TypeElement type) {
    if (versionProblem == null) {
      versionProblem = VersionGuard.problem(elements, type, VersionGuard.PROCESSOR_VERSION);
      versionProblem.ifPresent(p ->
          diagnostics.error(SourceRef.of(type), p.message(), p.args().toArray()));
    }
    return versionProblem.isPresent();
  }

  /**
   * Whether {@code element} is declared in a source file of this compilation, rather than read
   * from a class file: diagnostics can point only into sources (#15).
   */
  private boolean inSource(Element element) {
    Element outermost = element;
    for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE
        && e.getKind() != ElementKind.MODULE; e = e.getEnclosingElement()) {
      outermost = e;
    }
    return outermost instanceof TypeElement type
        && sourceTypes.contains(type.getQualifiedName().toString());
  }

  private void reportStillUndefined() {
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        ClassName className = ClassName.get(type);
        diagnostics.error(SourceRef.of(type), Messages.UNDEFINED_TYPE,
            "Llm" + String.join("_", className.simpleNames()),
            String.join(".", className.simpleNames()));
      }
    }
    deferred.clear();
  }

  private void reportCrash(TypeElement type, RuntimeException e) {
    StringWriter stack = new StringWriter();
    e.printStackTrace(new PrintWriter(stack));
    exceptionStacks.add(stack.toString());
    diagnostics.internalError(type == null ? null : SourceRef.of(type), stack.toString());
  }
}
