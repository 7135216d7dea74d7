package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reading the processor's index entries from folders and jars (#14). */
class ClientIndexTest {

  @Test
  void readsTheEntriesTheProcessorWroteForThisModule() {
    List<ClientIndex.Entry> entries =
        ClientIndex.read(new PathMatchingResourcePatternResolver(getClass().getClassLoader()));
    assertTrue(entries.contains(
        new ClientIndex.Entry(Greeter.class.getName(), "dev.llmcall.spring.LlmGreeter")), entries.toString());
    assertTrue(entries.contains(
        new ClientIndex.Entry(Summarizer.class.getName(), "dev.llmcall.spring.LlmSummarizer")));
  }

  @Test
  void readsEntriesInsideAJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("clients.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String folder : List.of("META-INF/", "META-INF/llmcall/", "META-INF/llmcall/clients/")) {
        out.putNextEntry(new JarEntry(folder));
        out.closeEntry();
      }
      write(out, "META-INF/llmcall/clients/com.example.Outer$Inner",
          "com.example.Outer$Inner=com.example.LlmOuter_Inner\n");
      write(out, "META-INF/llmcall/clients/com.example.Broken", "not an entry\n");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertEquals(List.of(new ClientIndex.Entry("com.example.Outer$Inner", "com.example.LlmOuter_Inner")),
          ClientIndex.read(new PathMatchingResourcePatternResolver(loader)));
    }
  }

  @Test
  void aStaleEntryIsSkipped(@TempDir Path dir) throws IOException {
    Path clients = Files.createDirectories(dir.resolve("META-INF/llmcall/clients"));
    Files.writeString(clients.resolve("com.example.Gone"), "com.example.Gone=com.example.LlmGone\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
      ClientRegistrar registrar = new ClientRegistrar();
      registrar.setBeanClassLoader(loader);
      registrar.postProcessBeanDefinitionRegistry(registry);
      List<String> names = List.of(registry.getBeanDefinitionNames());
      assertTrue(names.contains(Greeter.class.getName()), names.toString());
      assertTrue(!names.contains("com.example.Gone"), names.toString());
    }
  }

  private static void write(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream entry = out;
    entry.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
