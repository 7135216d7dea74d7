package dev.llmcall.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that gives each test its own {@link FakeLlmServer} and {@link
 * VirtualScheduler}, made when the test first asks for them; the server is closed after the test.
 * Register it with {@link FakeLlm @FakeLlm}, which also chooses strict mode, or with {@code
 * @ExtendWith(FakeLlmExtension.class)}.
 *
 * <pre>{@code
 * @FakeLlm(strict = true)
 * class AssistantTest {
 *   @Test
 *   void summarizes(FakeLlmServer server, VirtualScheduler time) {
 *     server.enqueue(FakeReply.text("Short."));
 *     try (LlmRuntime runtime = LlmRuntime.builder()
 *         .provider(ProviderConfig.openAi("test-key").withBaseUrl(server.openAiBaseUrl()))
 *         .scheduler(time)
 *         .build()) {
 *       assertEquals("Short.", LlmAssistant.create(runtime).summarize("A long text."));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A test gets them as parameters of its test method (any kind: {@code @Test}, {@code
 * @RepeatedTest}, {@code @ParameterizedTest}, ...) and of its {@code @BeforeEach} and {@code
 * @AfterEach} methods, and in {@link InjectFake @InjectFake} fields, set before the {@code
 * @BeforeEach} methods run; within one test they are all the same instances. Constructors and
 * {@code @BeforeAll} methods cannot have them: they run outside any one test.
 *
 * <p>After each test whose server is {@linkplain FakeLlmServer#strict() strict} (by {@code
 * @FakeLlm(strict = true)}, or because the test called {@code server.strict()}), the extension calls
 * {@link FakeLlmServer#verify()}, after the test's own {@code @AfterEach} methods: a request that
 * nothing scripted answered, or a scripted reply left unused, fails the test with a message that
 * names it.
 */
public final class FakeLlmExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(FakeLlmExtension.class);

  /** Called by JUnit, for {@code @ExtendWith} and {@link FakeLlm @FakeLlm}. */
  public FakeLlmExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return isFake(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(type.getSimpleName() + " is made afresh for each test:"
          + " ask for it in a test, @BeforeEach or @AfterEach method or an @InjectFake field, not in "
          + parameter.getDeclaringExecutable());
    }
    return fake(type, context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : AnnotationSupport.findAnnotatedFields(instance.getClass(), InjectFake.class)) {
        inject(field, instance, context);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ServerResource resource = context.getStore(NAMESPACE).get(ServerResource.class, ServerResource.class);
    if (resource != null && resource.server().isStrict()) {
      resource.server().verify();
    }
  }

  private static boolean isFake(Class<?> type) {
    return type == FakeLlmServer.class || type == VirtualScheduler.class;
  }

  /** The test's instance of {@code type}, made on first use and kept in the test's own store. */
  private static Object fake(Class<?> type, ExtensionContext context) {
    Store store = context.getStore(NAMESPACE);
    if (type == VirtualScheduler.class) {
      return store.getOrComputeIfAbsent(VirtualScheduler.class, key -> new VirtualScheduler(),
          VirtualScheduler.class);
    }
    return store.getOrComputeIfAbsent(ServerResource.class, key -> ServerResource.start(strict(context)),
        ServerResource.class).server();
  }

  /** What the nearest {@link FakeLlm} says: on the method, its class, then enclosing classes. */
  private static boolean strict(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<FakeLlm> found = AnnotationSupport.findAnnotation(c.get().getElement(), FakeLlm.class);
      if (found.isPresent()) {
        return found.get().strict();
      }
    }
    return false;
  }

  private static void inject(Field field, Object instance, ExtensionContext context) {
    String name = field.getDeclaringClass().getSimpleName() + "." + field.getName();
    int modifiers = field.getModifiers();
    if (!isFake(field.getType()) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
      throw new ExtensionConfigurationException("@InjectFake field " + name
          + " must be an instance field, not final, of type FakeLlmServer or VirtualScheduler");
    }
    try {
      field.setAccessible(true);
      field.set(instance, fake(field.getType(), context));
    } catch (IllegalAccessException | RuntimeException e) {
      // On the module path, the test's package must be open to dev.llmcall.testkit.
      throw new ExtensionConfigurationException("cannot set @InjectFake field " + name + ": " + e, e);
    }
  }

  /** Closes the test's server when JUnit closes the test's store, after every afterEach callback. */
  private record ServerResource(FakeLlmServer server) implements Store.CloseableResource {
    static ServerResource start(boolean strict) {
      FakeLlmServer server = FakeLlmServer.start();
      return new ServerResource(strict ? server.strict() : server);
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
