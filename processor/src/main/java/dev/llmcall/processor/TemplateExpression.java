package dev.llmcall.processor;

import com.palantir.javapoet.CodeBlock;
import dev.llmcall.processor.PromptTemplate.Literal;
import dev.llmcall.processor.PromptTemplate.Part;
import dev.llmcall.processor.PromptTemplate.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a parsed template into the string concatenation that renders it:
 * {@code "Translate {text} into {language}"} becomes {@code "Translate " + text + " into " +
 * language}, and {@code "{count}{unit}"} with an {@code int count} becomes
 * {@code String.valueOf(count) + unit}, so that numbers are never added. A record or collection
 * parameter is rendered as JSON: {@code JsonWriting.toJson(order, LlmShop::encodeOrder)} (#6).
 */
final class TemplateExpression {

  private TemplateExpression() {}

  /** @param json the JSON rendering of a parameter of kind {@link ParamModel.Kind#JSON} */
  static CodeBlock of(
      PromptTemplate template, MethodModel method, Function<ParamModel, CodeBlock> json) {
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
          operands.add(json.apply(param));
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
   * The first operand decides what {@code +} means, so it must be a String. A lone nullable
   * String is wrapped too, so that null renders as "null" rather than reaching the runtime.
   */
  private static boolean needsValueOf(ParamModel param, boolean alone) {
    return param.kind() != ParamModel.Kind.STRING || (alone && !param.needsNullCheck());
  }
}
