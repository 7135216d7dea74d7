package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * A record used as a structured type, or inside one (#6): what its schema, decoder and encoder
 * are made of.
 *
 * @param type the record
 * @param displayName its simple names from the outermost type, {@code Assistant.Person}
 * @param description its {@code @Description}, if it has one
 * @param components the components in declaration order
 * @param checksArguments whether it declares its canonical constructor (a compact one, usually),
 *     which may reject values; the decoder turns such a rejection into a violation
 * @param compiled whether it was read from a class file (a library), so that diagnostics about
 *     it go to a method that uses it (#15)
 * @param source the record
 */
record RecordModel(
    ClassName type,
    String displayName,
    Optional<String> description,
    List<Component> components,
    boolean checksArguments,
    boolean compiled,
    SourceRef source) {

  RecordModel {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(description, "description == null");
    components = List.copyOf(components);
    Objects.requireNonNull(source, "source == null");
  }

  /**
   * One record component.
   *
   * @param name the component's name, which is also its JSON field and accessor
   * @param type its type
   * @param nullable whether it is annotated {@code @Nullable} (any package) and not primitive:
   *     JSON null is then {@code null}
   * @param description its {@code @Description}, if it has one
   * @param source where to report on the component: the record's field of that name, which javac
   *     points at the component in the record header (on the component element itself, JDK 17
   *     prints no location)
   */
  record Component(
      String name,
      StructuredType type,
      boolean nullable,
      Optional<String> description,
      SourceRef source) {

    Component {
      if (!SourceVersion.isIdentifier(name)) {
        throw new IllegalArgumentException("not a component name: " + name);
      }
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(description, "description == null");
      Objects.requireNonNull(source, "source == null");
    }
  }
}
