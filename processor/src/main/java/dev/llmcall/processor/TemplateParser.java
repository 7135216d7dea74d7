package dev.llmcall.processor;

import dev.llmcall.processor.PromptTemplate.Literal;
import dev.llmcall.processor.PromptTemplate.Part;
import dev.llmcall.processor.PromptTemplate.Placeholder;
import dev.llmcall.processor.PromptTemplate.Reason;
import dev.llmcall.processor.PromptTemplate.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * Splits a template into literal text and {@code {name}} placeholders; {@code {{} and
 * {@code }}} are literal braces. Stops at the first syntax error.
 */
final class TemplateParser {
  private final String text;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();

  private TemplateParser(String text) {
    this.text = text;
  }

  static PromptTemplate parse(String text) {
    return new TemplateParser(text).run();
  }

  private PromptTemplate run() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        literal.append(c);
        i += 2;
      } else if (c == '}') {
        return failure(Reason.UNOPENED_BRACE, i, "");
      } else if (c == '{') {
        int close = text.indexOf('}', i + 1);
        if (close < 0) {
          return failure(Reason.UNCLOSED_BRACE, i, "");
        }
        String name = text.substring(i + 1, close);
        if (name.isEmpty()) {
          return failure(Reason.EMPTY_PLACEHOLDER, i, name);
        }
        if (!SourceVersion.isIdentifier(name)) {
          return failure(Reason.INVALID_PLACEHOLDER, i, name);
        }
        flushLiteral();
        parts.add(new Placeholder(name));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    flushLiteral();
    return new PromptTemplate(text, parts, Optional.empty());
  }

  private void flushLiteral() {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private PromptTemplate failure(Reason reason, int index, String placeholder) {
    return new PromptTemplate(
        text, List.of(), Optional.of(new SyntaxError(reason, index, placeholder)));
  }
}
