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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Reading the processor's index entries from folders and jars, and registering them (#14). */
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

  /**
   * A client whose generated class also implements another client's interface (String is a
   * CharSequence, StringBuilder both) does not hide that client: only the application's beans do.
   */
  @Test
  void aClientIsNotHiddenByAnotherGeneratedClient() {
    DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
    ClientRegistrar registrar = new ClientRegistrar();
    registrar.setResourceLoader(entries(
        "java.lang.Appendable=java.lang.StringBuilder", "java.lang.CharSequence=java.lang.String"));
    registrar.postProcessBeanDefinitionRegistry(registry);
    assertEquals(List.of("java.lang.Appendable", "java.lang.CharSequence"),
        List.of(registry.getBeanDefinitionNames()));
  }

  @Test
  void anApplicationBeanOfTheInterfaceHidesTheClient() {
    DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
    registry.registerBeanDefinition("mine", new RootBeanDefinition(StringBuffer.class));
    ClientRegistrar registrar = new ClientRegistrar();
    registrar.setResourceLoader(entries("java.lang.CharSequence=java.lang.String"));
    registrar.postProcessBeanDefinitionRegistry(registry);
    assertEquals(List.of("mine"), List.of(registry.getBeanDefinitionNames()));
  }

  /** A resolver that finds exactly these index entries, one resource each. */
  private static ResourcePatternResolver entries(String... lines) {
    PathMatchingResourcePatternResolver delegate = new PathMatchingResourcePatternResolver();
    return new ResourcePatternResolver() {
      @Override
      public Resource[] getResources(String pattern) {
        assertEquals(ClientIndex.PATTERN, pattern);
        return Stream.of(lines)
            .map(line -> new ByteArrayResource((line + "\n").getBytes(StandardCharsets.UTF_8)))
            .toArray(Resource[]::new);
      }

      @Override
      public Resource getResource(String location) {
        return delegate.getResource(location);
      }

      @Override
      public ClassLoader getClassLoader() {
        return delegate.getClassLoader();
      }
    };
  }

  private static void write(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream entry = out;
    entry.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
