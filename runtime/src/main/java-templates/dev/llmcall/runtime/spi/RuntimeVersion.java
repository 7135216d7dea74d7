package dev.llmcall.runtime.spi;

/**
 * The version of llmcall-runtime. The annotation processor reads {@link #VERSION} from the
 * compile class path and reports an error naming both versions when it differs from its own,
 * instead of writing code for a runtime it does not know (issue 15).
 *
 * <p>Written from {@code src/main/java-templates} by the build, which fills in the version.
 * Called by the processor. Not for direct use.
 */
public final class RuntimeVersion {
  /** This runtime's version, as in its POM. */
  public static final String VERSION = "${project.version}";

  private RuntimeVersion() {}
}
