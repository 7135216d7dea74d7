package dev.llmcall.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that {@link FakeLlmExtension} sets before each test to that test's {@link
 * FakeLlmServer} or {@link VirtualScheduler}, the same instance its parameters get. The field must
 * be an instance field, not final, of one of those two types. On the module path, the test's
 * package must be open to {@code dev.llmcall.testkit}.
 *
 * <pre>{@code
 * @FakeLlm
 * class AssistantTest {
 *   @InjectFake FakeLlmServer server;
 *   @InjectFake VirtualScheduler time;
 *   LlmRuntime runtime;
 *
 *   @BeforeEach
 *   void buildRuntime() {
 *     runtime = LlmRuntime.builder()
 *         .provider(ProviderConfig.openAi("test-key").withBaseUrl(server.openAiBaseUrl()))
 *         .scheduler(time)
 *         .build();
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectFake {}
