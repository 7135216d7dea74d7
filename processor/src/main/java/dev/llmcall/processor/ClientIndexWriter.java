package dev.llmcall.processor;

import java.util.Objects;

/**
 * Writes the index entry that lets a container find a generated client without scanning classes:
 * one resource per client, {@code META-INF/llmcall/clients/<interface binary name>}, whose one line
 * names the interface and the class that implements it (#14). A pure function of the model.
 * Sample output, in {@code META-INF/llmcall/clients/com.example.Outer$Inner}:
 *
 * <pre>
 * com.example.Outer$Inner=com.example.LlmOuter_Inner
 * </pre>
 *
 * <p>One file per client, never one shared file, so that each output has exactly one originating
 * element: the processor stays isolating for Gradle's incremental compilation, and a client that
 * is recompiled, added or deleted changes only its own entry. The Spring Boot starter lists the
 * folder in every class path root to read them.
 */
final class ClientIndexWriter {
  /** The folder every entry is written to, relative to the class output. */
  static final String FOLDER = "META-INF/llmcall/clients/";

  private ClientIndexWriter() {}

  static Entry write(ClientModel client) {
    String iface = client.type().reflectionName();
    return new Entry(FOLDER + iface, iface + "=" + client.impl().reflectionName() + "\n");
  }

  /**
   * One resource to write.
   *
   * @param path relative to the class output, such as {@code META-INF/llmcall/clients/a.Foo}
   * @param content the text, one {@code interface=implementation} line in binary names
   */
  record Entry(String path, String content) {
    Entry {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(content, "content == null");
    }
  }
}
