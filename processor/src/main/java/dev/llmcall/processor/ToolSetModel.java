package dev.llmcall.processor;

import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.RecordModel.Component;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool set (#12): the type of an {@code @LlmCall} parameter whose methods are annotated
 * {@code @Tool}, an interface the caller implements. What its tool definitions and its generated
 * dispatcher are made of.
 *
 * @param type the type as the parameter declares it, type arguments included
 * @param displayName its simple names from the outermost type, {@code Assistant.Weather}
 * @param isInterface whether it is an interface, as it must be
 * @param tools its {@code @Tool} methods, own ones first, each in declaration order
 * @param untagged its abstract methods without {@code @Tool}, which nothing could call
 * @param misplaced its static and private methods with {@code @Tool}, which an implementation
 *     cannot run
 * @param compiled whether it was read from a class file (a library), so that diagnostics about it
 *     go to the parameter that uses it
 * @param source the type
 */
record ToolSetModel(
    TypeName type,
    String displayName,
    boolean isInterface,
    List<ToolModel> tools,
    List<SourceRef> untagged,
    List<SourceRef> misplaced,
    boolean compiled,
    SourceRef source) {

  ToolSetModel {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(displayName, "displayName == null");
    tools = List.copyOf(tools);
    untagged = List.copyOf(untagged);
    misplaced = List.copyOf(misplaced);
    Objects.requireNonNull(source, "source == null");
  }

  /**
   * One {@code @Tool} method.
   *
   * @param name the tool's name, {@code @Tool(name)} or else the method's name
   * @param method the method's name
   * @param description {@code @Tool(value)}
   * @param params its parameters, as the properties of its arguments object; each one's
   *     {@code @Description} and {@code @Nullable} are read as a record component's are
   * @param result what it returns; empty for {@code void}
   * @param typeParameters the names of the method's own type parameters
   * @param source the method and its {@code @Tool}
   */
  record ToolModel(
      Setting<String> name,
      String method,
      Setting<String> description,
      List<Component> params,
      Optional<StructuredType> result,
      List<String> typeParameters,
      SourceRef source) {

    ToolModel {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(method, "method == null");
      Objects.requireNonNull(description, "description == null");
      params = List.copyOf(params);
      Objects.requireNonNull(result, "result == null");
      typeParameters = List.copyOf(typeParameters);
      Objects.requireNonNull(source, "source == null");
    }

    /** Whether the result is sent back as the {@code String} it is. */
    boolean returnsText() {
      return result.filter(r -> r instanceof StructuredType.Scalar s
          && s.kind() == StructuredType.ScalarKind.STRING).isPresent();
    }
  }

  /** The types of its tools' parameters, which the dispatcher decodes. */
  List<StructuredType> argumentTypes() {
    return tools.stream().flatMap(t -> t.params().stream().map(Component::type)).toList();
  }

  /** The types of its tools' results that are sent back as JSON: not void, not String. */
  List<StructuredType> resultTypes() {
    return tools.stream().filter(t -> !t.returnsText()).flatMap(t -> t.result().stream()).toList();
  }
}
