package dev.llmcall.processor;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks that the llmcall-runtime on the compile class path is the version this processor writes
 * code for (issue 15). Mixed versions would otherwise surface as odd errors inside generated code;
 * this makes them one error that names both versions. It reads {@code RuntimeVersion.VERSION}
 * through {@link Elements}, so nothing of the runtime is loaded.
 */
final class VersionGuard {
  static final String RUNTIME_VERSION = "dev.llmcall.runtime.spi.RuntimeVersion";
  static final String RUNTIME = "dev.llmcall.runtime.LlmRuntime";

  /** This processor's version, from a resource the build fills in. */
  static final String PROCESSOR_VERSION = readProcessorVersion();

  private VersionGuard() {}

  /**
   * The message to report, or empty when the versions match. Reported once per compilation, on
   * the first client type; no code is generated after it.
   */
  static Optional<Problem> problem(Elements elements, TypeElement client,
      String processorVersion) {
    // In a named module, what counts is what that module reads, not what is on the path.
    ModuleElement module = elements.getModuleOf(client);
    boolean named = module != null && !module.isUnnamed();
    TypeElement version = named
        ? elements.getTypeElement(module, RUNTIME_VERSION)
        : elements.getTypeElement(RUNTIME_VERSION);
    if (version == null) {
      TypeElement runtime = named
          ? elements.getTypeElement(module, RUNTIME)
          : elements.getTypeElement(RUNTIME);
      if (runtime != null) {
        return Optional.of(new Problem(Messages.RUNTIME_TOO_OLD, List.of(processorVersion)));
      }
      return Optional.of(named
          ? new Problem(Messages.RUNTIME_NOT_READ,
              List.of(module.getQualifiedName().toString(), processorVersion))
          : new Problem(Messages.RUNTIME_MISSING, List.of(processorVersion)));
    }
    String runtimeVersion = constant(version);
    return processorVersion.equals(runtimeVersion)
        ? Optional.empty()
        : Optional.of(new Problem(Messages.VERSION_MISMATCH,
            List.of(processorVersion, runtimeVersion)));
  }

  /** A message of the catalogue and its arguments. */
  record Problem(Messages message, List<String> args) {
    Problem {
      args = List.copyOf(args);
    }
  }

  private static String constant(TypeElement type) {
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (field.getSimpleName().contentEquals("VERSION")
          && field.getConstantValue() instanceof String value) {
        return value;
      }
    }
    return "(unknown: " + type.getQualifiedName() + " has no VERSION constant)";
  }

  /** Never throws: a processor that cannot say its version reports that, instead of crashing. */
  private static String readProcessorVersion() {
    try (InputStream in = VersionGuard.class.getResourceAsStream("llmcall-processor.properties")) {
      if (in == null) {
        return "(unknown: llmcall-processor.properties is missing)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown: llmcall-processor.properties has none)");
    } catch (IOException | IllegalArgumentException e) {
      return "(unknown: " + e + ")";
    }
  }
}
