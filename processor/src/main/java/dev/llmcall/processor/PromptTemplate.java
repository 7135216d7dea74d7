package dev.llmcall.processor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A prompt or system template parsed at compile time into literal text and parameter
 * references, or the first syntax error in it. {@code "Summarize: {text}"} has the parts
 * {@code Literal("Summarize: ")} and {@code Placeholder("text")}.
 *
 * @param text the template as written
 * @param parts the literal and placeholder parts in order, adjacent literals merged; empty if
 *     the template has an error or is empty
 * @param error the first syntax error, if any
 */
record PromptTemplate(String text, List<Part> parts, Optional<SyntaxError> error) {

  PromptTemplate {
    Objects.requireNonNull(text, "text == null");
    parts = List.copyOf(parts);
    Objects.requireNonNull(error, "error == null");
    if (error.isPresent() && !parts.isEmpty()) {
      throw new IllegalArgumentException("a template with an error has no parts: " + text);
    }
  }

  /** Parses {@code text}; never throws. */
  static PromptTemplate parse(String text) {
    return TemplateParser.parse(text);
  }

  boolean isValid() {
    return error.isEmpty();
  }

  /** The parameter names this template refers to, each once, in order of first use. */
  Set<String> placeholderNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Placeholder placeholder) {
        names.add(placeholder.name());
      }
    }
    return names;
  }

  /** A part of a parsed template. */
  sealed interface Part permits Literal, Placeholder {}

  /** Text sent as written, with {@code {{} and {@code }}} already turned into single braces. */
  record Literal(String text) implements Part {
    Literal {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty literal");
      }
    }
  }

  /** A {@code {name}} reference to a method parameter. */
  record Placeholder(String name) implements Part {
    Placeholder {
      Objects.requireNonNull(name, "name == null");
    }
  }

  /** What is wrong with a template, and the index of the brace where it starts. */
  record SyntaxError(Reason reason, int index, String placeholder) {
    SyntaxError {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(placeholder, "placeholder == null");
      if (index < 0) {
        throw new IllegalArgumentException("index < 0: " + index);
      }
    }
  }

  /** The kinds of syntax error. */
  enum Reason {
    /** A {@code {} with no {@code }} after it. */
    UNCLOSED_BRACE,
    /** A {@code }} that closes nothing and is not doubled. */
    UNOPENED_BRACE,
    /** {@code {}}. */
    EMPTY_PLACEHOLDER,
    /** {@code { text }}, {@code {a-b}}: not a Java identifier. */
    INVALID_PLACEHOLDER
  }
}
