package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.llmcall.processor.CodecWriter.Locals;
import dev.llmcall.processor.RecordModel.Component;
import dev.llmcall.processor.ToolSetModel.ToolModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes what the tool sets of a client need (#12): per tool set, a constant with its tool
 * definitions (each tool's JSON schema written here, at compile time) and a dispatcher that
 * decodes the model's arguments with the generated decoders, calls the caller's implementation
 * and encodes its result. No reflection. Sample output:
 *
 * <pre>{@code
 * private static final List<ToolDefinition> WEATHER_TOOLS = List.of(
 *     ToolDefinition.of("forecast", "The forecast for a city", "{\"type\":\"object\",...}"));
 *
 * private static String dispatchWeather(Weather tools, String name, JsonNode node, Violations v)
 *     throws Exception {
 *   switch (name) {
 *     case "forecast": {
 *       if (!JsonFields.object(node, "$", v, "city")) {
 *         return null;
 *       }
 *       String city = JsonFields.string(node.get("city"), "$.city", v);
 *       if (!v.isEmpty()) {
 *         return null;
 *       }
 *       return JsonWriting.toJson(tools.forecast(city), LlmAssistant::encodeForecast);
 *     }
 *     default:
 *       throw new IllegalArgumentException("no tool called " + name);
 *   }
 * }
 * }</pre>
 */
final class ToolWriter {
  /** What a {@code void} tool sends back to the model: that it ran. */
  static final String VOID_RESULT = "done";

  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName TOOL_DEFINITION = RuntimeNames.TOOL_DEFINITION;
  private static final ClassName TOOLS = RuntimeNames.TOOLS;

  private final ClientModel client;
  private final CodecWriter codecs;
  private final DecoderWriter decoders;
  private final Map<TypeName, Names> names = new LinkedHashMap<>();

  /**
   * @param fieldNames the allocator that named the class's other fields
   * @param codecs the client's decoders and encoders, which also names the dispatchers
   */
  ToolWriter(ClientModel client, NameAllocator fieldNames, CodecWriter codecs) {
    this.client = client;
    this.codecs = codecs;
    this.decoders = new DecoderWriter(client, codecs::decoder);
    for (ToolSetModel toolSet : client.toolSets()) {
      String simple = simpleName(toolSet.type());
      String constant = ClientImplWriter.upperSnake(simple);
      names.put(toolSet.type(), new Names(
          fieldNames.newName(constant.endsWith("_TOOLS") ? constant : constant + "_TOOLS"),
          codecs.newMethodName("dispatch" + simple)));
    }
  }

  /** The tool definitions constants, one per tool set. */
  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    for (ToolSetModel toolSet : client.toolSets()) {
      CodeBlock definitions = toolSet.tools().stream()
          .map(t -> CodeBlock.of("$T.of($S, $S,$W$L)", TOOL_DEFINITION, t.name().value(),
              t.description().value(),
              CodecWriter.stringExpression(SchemaWriter.tool(client, t.params()))))
          .collect(CodeBlock.joining(",\n"));
      fields.add(FieldSpec.builder(
              ParameterizedTypeName.get(ClassName.get(List.class), TOOL_DEFINITION),
              names.get(toolSet.type()).constant(),
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$T.of($>$>\n$L)$<$<", List.class, definitions)
          .build());
    }
    return fields;
  }

  /** The dispatchers, one per tool set. */
  List<MethodSpec> methods() {
    return client.toolSets().stream().map(this::dispatcher).toList();
  }

  /**
   * {@code Tools.of(WEATHER_TOOLS, (name, node, v) -> dispatchWeather(weather, name, node, v))},
   * with the method's {@code maxRounds} and {@code failingOnToolError}.
   *
   * @param param the method's tool set parameter
   * @param locals the method's local names, its parameters' among them
   */
  CodeBlock tools(ParamModel param, CallModel call, NameAllocator locals) {
    Names set = names.get(param.tools().get().type());
    String name = locals.newName("name");
    String node = locals.newName("node");
    String v = locals.newName("v");
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of($N,$W($N, $N, $N) -> $N($N, $N, $N, $N))",
        TOOLS, set.constant(), name, node, v, set.dispatcher(), param.name(), name, node, v);
    call.maxToolRounds().ifPresent(r -> code.add(".$N($L)", RuntimeNames.MAX_ROUNDS, r.value()));
    call.failOnToolError().ifPresent(f -> code.add(".$N()", RuntimeNames.FAILING_ON_TOOL_ERROR));
    return code.build();
  }

  private MethodSpec dispatcher(ToolSetModel toolSet) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(names.get(toolSet.type()).dispatcher())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(String.class)
        .addParameter(toolSet.type(), "tools")
        .addParameter(String.class, "name")
        .addParameter(JSON_NODE, "node")
        .addParameter(RuntimeNames.VIOLATIONS, "v")
        .addException(Exception.class)
        .beginControlFlow("switch (name)");
    for (ToolModel tool : toolSet.tools()) {
      spec.beginControlFlow("case $S:", tool.name().value()).addCode(call(tool)).endControlFlow();
    }
    return spec.addCode("default:\n$>")
        .addStatement("throw new $T($S + name)", IllegalArgumentException.class, "no tool called ")
        .addCode("$<")
        .endControlFlow()
        .build();
  }

  /** Decodes the arguments of {@code tool}, calls it and returns its result as text. */
  private CodeBlock call(ToolModel tool) {
    Locals locals = decoders.locals(tool.params().stream().map(Component::type).toList(),
        List.of("tools", "name", RuntimeNames.JSON_WRITING.simpleName(), "String"));
    List<String> args = tool.params().stream().map(p -> locals.newName(p.name())).toList();
    CodeBlock invocation = CodeBlock.of("tools.$N($L)", tool.method(),
        args.stream().map(a -> CodeBlock.of("$N", a)).collect(CodeBlock.joining(", ")));
    CodeBlock.Builder code = CodeBlock.builder().add(decoders.arguments(tool.params(), args, locals));
    if (tool.result().isEmpty()) {
      return code.addStatement("$L", invocation).addStatement("return $S", VOID_RESULT).build();
    } else if (tool.returnsText()) {
      // A null String must not look like arguments that did not fit (a null return).
      return code.addStatement("return $T.valueOf($L)", String.class, invocation).build();
    }
    return code.addStatement("return $L", codecs.toJson(tool.result().get(), invocation)).build();
  }

  private static String simpleName(TypeName type) {
    TypeName raw = type instanceof ParameterizedTypeName p ? p.rawType() : type;
    return raw instanceof ClassName c ? c.simpleName() : "Tools";
  }

  /** The names of a tool set's constant and dispatcher. */
  private record Names(String constant, String dispatcher) {}
}
