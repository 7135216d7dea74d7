package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.llmcall.processor.PromptTemplate.Literal;
import dev.llmcall.processor.PromptTemplate.Part;
import dev.llmcall.processor.PromptTemplate.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns a parsed template into the string concatenation that renders it:
 * {@code "Translate {text} into {language}"} becomes {@code "Translate " + text + " into " +
 * language}, and {@code "{count}{unit}"} with an {@code int count} becomes
 * {@code String.valueOf(count) + unit}, so that numbers are never added. A record or collection
 * parameter is rendered as JSON: {@code JsonWriting.toJson(order, LlmShop::encodeOrder)} (#6).
 */
final class TemplateExpression {

  private TemplateExpression() {}

  /**
   * @param json the JSON rendering of a parameter whose {@link ParamModel#json} is present, given
   *     the variable that holds the value
   */
  static CodeBlock of(PromptTemplate template, MethodModel method,
      BiFunction<ParamModel, String, CodeBlock> json) {
    List<Part> parts = template.parts();
    List<CodeBlock> operands = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        operands.add(CodeBlock.of("$S", literal.text()));
      } else if (part instanceof Placeholder placeholder) {
        ParamModel param = method.param(placeholder.name()).orElseThrow(
            () -> new IllegalStateException(
                "{" + placeholder.name() + "} names no parameter of " + method.displayName()));
        if (param.kind() == ParamModel.Kind.JSON) {
          operands.add(json.apply(param, param.name()));
        } else if (param.kind() == ParamModel.Kind.OPTIONAL) {
          CodeBlock value = optional(param, method, json);
          // A @Nullable Optional that is null renders as nothing, as an empty one does.
          operands.add(param.nullable()
              ? CodeBlock.of("($N == null ? $S : $L)", param.name(), "", value)
              : value);
        } else {
          operands.add(operands.isEmpty() && needsValueOf(param, parts.size() == 1)
              ? CodeBlock.of("$T.valueOf($N)", String.class, param.name())
              : CodeBlock.of("$N", param.name()));
        }
      }
    }
    return operands.isEmpty() ? CodeBlock.of("$S", "") : CodeBlock.join(operands, " + ");
  }

  /**
   * An {@code Optional}'s value, or nothing (#15): {@code note.orElse("")},
   * {@code count.map(String::valueOf).orElse("")},
   * {@code (size.isPresent() ? String.valueOf(size.getAsInt()) : "")} or
   * {@code order.map(value -> JsonWriting.toJson(value, LlmShop::encodeOrder)).orElse("")}.
   * Always a String, so it may come first.
   */
  private static CodeBlock optional(
      ParamModel param, MethodModel method, BiFunction<ParamModel, String, CodeBlock> json) {
    if (param.json().isPresent()) {
      String value = "value";
      for (int n = 2; method.param(value).isPresent(); n++) {
        value = "value" + n;
      }
      return CodeBlock.of("$N.map($N -> $L).orElse($S)",
          param.name(), value, json.apply(param, value), "");
    } else if (param.type() instanceof ParameterizedTypeName optional
        && optional.typeArguments().get(0).equals(ClassName.get(String.class))) {
      return CodeBlock.of("$N.orElse($S)", param.name(), "");
    } else if (param.type().withoutAnnotations() instanceof ClassName primitive) {
      // OptionalInt, OptionalLong, OptionalDouble: getAsInt, getAsLong, getAsDouble.
      String getter = "getAs" + primitive.simpleName().substring("Optional".length());
      return CodeBlock.of("($N.isPresent() ? $T.valueOf($N.$N()) : $S)",
          param.name(), String.class, param.name(), getter, "");
    }
    return CodeBlock.of("$N.map($T::valueOf).orElse($S)", param.name(), String.class, "");
  }

  /**
   * The first operand decides what {@code +} means, so it must be a String. A lone nullable
   * String is wrapped too, so that null renders as "null" rather than reaching the runtime.
   */
  private static boolean needsValueOf(ParamModel param, boolean alone) {
    return param.kind() != ParamModel.Kind.STRING || (alone && !param.needsNullCheck());
  }
}
