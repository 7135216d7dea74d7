package dev.llmcall.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** The only class that touches the {@link Filer}: writes generated files, reporting failures. */
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

  /** Writes a resource to the class output, with {@code origin}'s element as its only origin. */
  void emit(ClientIndexWriter.Entry entry, SourceRef origin) {
    try {
      FileObject resource = filer.createResource(
          StandardLocation.CLASS_OUTPUT, "", entry.path(), origin.element());
      try (Writer writer = resource.openWriter()) {
        writer.write(entry.content());
      }
    } catch (IOException e) {
      diagnostics.error(origin, Messages.WRITE_FAILED, entry.path(), e.getMessage());
    }
  }
}
