package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of a compilation (the inputs and the generated client) from compile-testing's
 * in-memory class output, so that tests can run generated decoders and encoders. The parent is
 * the test's class loader, so the runtime types they use are the test's own.
 */
final class GeneratedClasses extends ClassLoader {
  private static final String OUTPUT = "/CLASS_OUTPUT/";
  private final Map<String, byte[]> classes = new HashMap<>();

  private GeneratedClasses(Compilation compilation) {
    super(GeneratedClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (file.getKind() == JavaFileObject.Kind.CLASS && path.contains(OUTPUT)) {
        String name = path.substring(path.indexOf(OUTPUT) + OUTPUT.length(), path.length() - 6)
            .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** The classes of a successful compilation. */
  static GeneratedClasses of(Compilation compilation) {
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    return new GeneratedClasses(compilation);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  Class<?> load(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not compiled: " + name, e);
    }
  }

  /** The value of a private static field of a generated class, such as a StructuredOutput. */
  Object staticField(String className, String field) {
    try {
      Field f = load(className).getDeclaredField(field);
      f.setAccessible(true);
      return f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A private static method of a generated class, made accessible. */
  Method staticMethod(String className, String name) {
    for (Method method : load(className).getDeclaredMethods()) {
      if (method.getName().equals(name)) {
        method.setAccessible(true);
        return method;
      }
    }
    throw new AssertionError("no method " + name + " in " + className);
  }
}
