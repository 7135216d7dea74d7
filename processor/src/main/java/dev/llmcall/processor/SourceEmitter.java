package dev.llmcall.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import javax.annotation.processing.Filer;

/** The only class that touches the {@link Filer}: writes generated sources, reporting failures. */
final class SourceEmitter {
  private final Filer filer;
  private final Diagnostics diagnostics;

  SourceEmitter(Filer filer, Diagnostics diagnostics) {
    this.filer = filer;
    this.diagnostics = diagnostics;
  }

  void emit(JavaFile file, SourceRef origin) {
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      diagnostics.error(origin, Messages.WRITE_FAILED,
          file.packageName() + "." + file.typeSpec().name(), e.getMessage());
    }
  }
}
