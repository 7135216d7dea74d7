package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;
import dev.llmcall.processor.ParamModel.ImageInput;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks what a method sends beside its text (#12): at most one history and one tool set, images
 * of a type that can be one with a media type where one is needed, and the tool settings of its
 * {@code @LlmCall} only where there are tools. The tool sets themselves are checked by
 * {@link ToolSetValidator}, once per client.
 */
final class InputValidator {
  private static final Pattern IMAGE_MEDIA_TYPE = Pattern.compile("image/[A-Za-z0-9.+-]+");

  private InputValidator() {}

  static void check(MethodModel method, CallModel call, ValidationReport.Builder report) {
    Optional<ParamModel> history = Optional.empty();
    Optional<ParamModel> toolSet = Optional.empty();
    Optional<ParamModel> model = Optional.empty();
    for (ParamModel param : method.params()) {
      switch (param.kind()) {
        case HISTORY -> {
          if (history.isPresent()) {
            report.error(param.source(), Messages.TWO_HISTORIES,
                param.name(), method.displayName());
          }
          history = history.or(() -> Optional.of(param));
        }
        case TOOLS -> {
          if (toolSet.isPresent()) {
            report.error(param.source(), Messages.TWO_TOOL_SETS, param.name(),
                method.displayName(), param.tools().get().displayName());
          }
          toolSet = toolSet.or(() -> Optional.of(param));
        }
        case IMAGE -> checkImage(method, param, param.image().get(), report);
        case MODEL -> {
          if (!param.type().withoutAnnotations().equals(ClassName.get(String.class))) {
            report.error(param.source(), Messages.MODEL_PARAMETER_TYPE, param.name(),
                method.displayName(), StructuredType.display(param.type()));
          } else if (model.isPresent()) {
            report.error(param.source(), Messages.TWO_MODELS, param.name(), method.displayName());
          }
          model = model.or(() -> Optional.of(param));
        }
        default -> { }
      }
    }
    boolean hasTools = toolSet.isPresent();
    call.maxToolRounds().ifPresent(r -> {
      if (r.value() < 0) {
        report.error(r.source(), Messages.MAX_TOOL_ROUNDS_OUT_OF_RANGE,
            r.value(), method.displayName());
      } else if (!hasTools) {
        report.error(r.source(), Messages.TOOL_SETTING_WITHOUT_TOOLS,
            "maxToolRounds = " + r.value(), method.displayName(), "maxToolRounds");
      }
    });
    call.failOnToolError().filter(f -> !hasTools).ifPresent(f -> report.error(f.source(),
        Messages.TOOL_SETTING_WITHOUT_TOOLS, "failOnToolError = true", method.displayName(),
        "failOnToolError"));
  }

  private static void checkImage(
      MethodModel method, ParamModel param, ImageInput image, ValidationReport.Builder report) {
    if (image.source() == ImageInput.Source.OTHER) {
      report.error(image.annotation(), Messages.IMAGE_INPUT_TYPE,
          param.name(), method.displayName(), StructuredType.display(param.type()));
      return;
    }
    if (image.mediaType().isEmpty()) {
      if (image.source() == ImageInput.Source.BYTES) {
        report.error(image.annotation(), Messages.IMAGE_MEDIA_TYPE_MISSING,
            param.name(), method.displayName());
      }
      return;
    }
    Setting<String> mediaType = image.mediaType().get();
    if (image.source() != ImageInput.Source.BYTES) {
      report.error(mediaType.source(), Messages.IMAGE_MEDIA_TYPE_UNUSED, mediaType.value(),
          param.name(), method.displayName(), image.source().description(),
          image.source() == ImageInput.Source.PATH ? "whose media type comes from its file name"
              : image.source() == ImageInput.Source.URI ? "which the provider fetches"
              : "which has its own");
    } else if (!IMAGE_MEDIA_TYPE.matcher(mediaType.value()).matches()) {
      report.error(mediaType.source(), Messages.INVALID_IMAGE_MEDIA_TYPE,
          mediaType.value(), param.name(), method.displayName());
    }
  }
}
