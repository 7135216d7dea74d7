package dev.llmcall.processor;

import java.util.Objects;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Where something in the model was declared: an element, and optionally the annotation and the
 * annotation member on it. Location data for diagnostics only; writers never read it, except to
 * name the originating element.
 *
 * @param element the element, never null
 * @param annotation the annotation on {@code element}, or null
 * @param value the member value of {@code annotation} as written in source, or null
 */
record SourceRef(Element element, AnnotationMirror annotation, AnnotationValue value) {

  SourceRef {
    Objects.requireNonNull(element, "element == null");
    if (value != null && annotation == null) {
      throw new IllegalArgumentException("a value needs its annotation: " + value);
    }
  }

  static SourceRef of(Element element) {
    return new SourceRef(element, null, null);
  }

  static SourceRef of(Element element, AnnotationMirror annotation) {
    return new SourceRef(element, annotation, null);
  }

  /** The same element and annotation, pointing at {@code value} if it was written in source. */
  SourceRef at(AnnotationValue value) {
    return new SourceRef(element, annotation, value);
  }

  /** Prints {@code message} at the most precise location this reference knows. */
  void print(Messager messager, Diagnostic.Kind kind, String message) {
    if (value != null) {
      messager.printMessage(kind, message, element, annotation, value);
    } else if (annotation != null) {
      messager.printMessage(kind, message, element, annotation);
    } else {
      messager.printMessage(kind, message, element);
    }
  }
}
