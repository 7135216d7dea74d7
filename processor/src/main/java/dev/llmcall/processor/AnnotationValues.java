package dev.llmcall.processor;

import dev.llmcall.annotations.CircuitBreaker;
import dev.llmcall.annotations.Description;
import dev.llmcall.annotations.ImageInput;
import dev.llmcall.annotations.Model;
import dev.llmcall.annotations.Fallback;
import dev.llmcall.annotations.Hedge;
import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.annotations.Retry;
import dev.llmcall.annotations.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads annotation members through their mirrors, so that every value keeps the location a
 * diagnostic should point at (rule 8 of the house style).
 */
final class AnnotationValues {
  static final String LLM_CLIENT = LlmClient.class.getCanonicalName();
  static final String LLM_CALL = LlmCall.class.getCanonicalName();
  static final String RETRY = Retry.class.getCanonicalName();
  static final String CIRCUIT_BREAKER = CircuitBreaker.class.getCanonicalName();
  static final String DESCRIPTION = Description.class.getCanonicalName();
  static final String TOOL = Tool.class.getCanonicalName();
  static final String IMAGE_INPUT = ImageInput.class.getCanonicalName();
  static final String MODEL = Model.class.getCanonicalName();
  static final String FALLBACK = Fallback.class.getCanonicalName();
  static final String HEDGE = Hedge.class.getCanonicalName();
  /** The numeric members of {@code @Retry}, each overriding one value of the named policy. */
  static final List<String> RETRY_NUMBERS = List.of("maxAttempts", "initialDelayMillis",
      "multiplier", "maxDelayMillis", "jitter", "maxRetryAfterMillis", "timeoutMillis");

  private final Elements elements;

  AnnotationValues(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of type {@code annotationType} directly on {@code element}, if any. */
  static Optional<AnnotationMirror> find(Element element, String annotationType) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationType)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * The value of {@code member}, as written or by default, pointing at the written value if
   * there is one. Empty if the member has no value or one of another type, which javac reports.
   */
  <T> Optional<Setting<T>> get(
      Element element, AnnotationMirror annotation, String member, Class<T> type) {
    SourceRef ref = SourceRef.of(element, annotation);
    Map<? extends ExecutableElement, ? extends AnnotationValue> written =
        annotation.getElementValues();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(annotation).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        Object value = entry.getValue().getValue();
        if (!type.isInstance(value)) {
          return Optional.empty();
        }
        AnnotationValue source = written.get(entry.getKey());
        return Optional.of(
            new Setting<>(type.cast(value), source == null ? ref : ref.at(source), false));
      }
    }
    return Optional.empty();
  }

  /** The numeric members of {@code @Retry} that are set (not -1 or NaN), in declaration order. */
  List<Setting<CallModel.RetryOverride>> retryOverrides(Element element, AnnotationMirror retry) {
    List<Setting<CallModel.RetryOverride>> set = new ArrayList<>();
    for (String member : RETRY_NUMBERS) {
      get(element, retry, member, Number.class)
          .filter(s -> !isUnset(s.value()))
          .ifPresent(s -> set.add(s.map(v -> new CallModel.RetryOverride(member, v))));
    }
    return set;
  }

  /** {@code @Retry(resumeStream)}, if it is true. */
  Optional<Setting<Boolean>> resumeStream(Element element, AnnotationMirror retry) {
    return get(element, retry, "resumeStream", Boolean.class).filter(Setting::value);
  }

  private static boolean isUnset(Number value) {
    return value instanceof Double ? ((Double) value).isNaN() : value.longValue() == -1;
  }

  /** A {@code String[]} member, if it has at least one element. */
  Optional<Setting<List<String>>> stringArray(
      Element element, AnnotationMirror annotation, String member) {
    return get(element, annotation, member, List.class)
        .filter(s -> !s.value().isEmpty())
        .map(s -> s.map(list -> {
          List<String> strings = new ArrayList<>();
          for (Object v : (List<?>) list) {
            Object value = ((javax.lang.model.element.AnnotationValue) v).getValue();
            strings.add(String.valueOf(value));
          }
          return List.copyOf(strings);
        }));
  }

  /** A {@code @Fallback} chain: every target and every {@code on} constant, with their places. */
  FallbackModel fallback(Element element, AnnotationMirror fallback) {
    SourceRef ref = SourceRef.of(element, fallback);
    Setting<String> name = get(element, fallback, "name", String.class)
        .orElseGet(() -> new Setting<>("", ref, false));
    List<FallbackModel.TargetModel> targets = new ArrayList<>();
    Optional<Setting<List>> to = get(element, fallback, "to", List.class);
    for (Object v : to.map(Setting::value).orElse(List.of())) {
      if (((AnnotationValue) v).getValue() instanceof AnnotationMirror target) {
        SourceRef at = SourceRef.of(element, target);
        targets.add(new FallbackModel.TargetModel(
            get(element, target, "provider", String.class).orElseGet(() -> new Setting<>("", at, false)),
            get(element, target, "model", String.class).orElseGet(() -> new Setting<>("", at, false)),
            get(element, target, "largerContext", Boolean.class).map(Setting::value).orElse(false),
            at));
      }
    }
    List<String> on = new ArrayList<>();
    for (Object v : get(element, fallback, "on", List.class).map(Setting::value).orElse(List.of())) {
      on.add(((javax.lang.model.element.VariableElement) ((AnnotationValue) v).getValue())
          .getSimpleName().toString());
    }
    boolean onWritten = fallback.getElementValues().keySet().stream()
        .anyMatch(m -> m.getSimpleName().contentEquals("on"));
    return new FallbackModel(name, targets, on, !onWritten,
        to.map(Setting::source).orElse(ref), false);
  }

  /** A {@code @Hedge}: its delay and percentile, with their places. */
  HedgeModel hedge(Element element, AnnotationMirror hedge) {
    SourceRef ref = SourceRef.of(element, hedge);
    return new HedgeModel(
        get(element, hedge, "afterMillis", Long.class).orElseGet(() -> new Setting<>(0L, ref, false)),
        get(element, hedge, "percentile", Integer.class).orElseGet(() -> new Setting<>(0, ref, false)),
        ref, false);
  }

  /** {@link #get} for a string member, empty also if the string is empty ("not set here"). */
  Optional<Setting<String>> nonEmptyString(
      Element element, AnnotationMirror annotation, String member) {
    return get(element, annotation, member, String.class).filter(s -> !s.value().isEmpty());
  }
}
