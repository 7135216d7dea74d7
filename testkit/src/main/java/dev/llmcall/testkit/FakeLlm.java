package dev.llmcall.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class or method with {@link FakeLlmExtension}, and says whether its fake
 * servers are strict: each test may ask for its own {@link FakeLlmServer} and {@link
 * VirtualScheduler}, which the extension closes after the test.
 *
 * <pre>{@code
 * @FakeLlm(strict = true)
 * class AssistantTest {
 *   @Test
 *   void summarizes(FakeLlmServer server, VirtualScheduler time) { ... }
 * }
 * }</pre>
 *
 * <p>The nearest annotation wins: one on a test method over its class's, one on a {@code @Nested}
 * class over its enclosing class's. Subclasses inherit it, and it works as a meta-annotation.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(FakeLlmExtension.class)
public @interface FakeLlm {

  /**
   * Whether each test's server is {@linkplain FakeLlmServer#strict() strict}: a request that no
   * scripted reply answers gets an error instead of the default reply, and after the test, {@link
   * FakeLlmServer#verify()} fails it when a request was refused or a scripted reply was left unused.
   * Default {@code false}: unscripted requests get the default reply and nothing is checked.
   */
  boolean strict() default false;
}
