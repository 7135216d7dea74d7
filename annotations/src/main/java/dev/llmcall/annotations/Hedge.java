package dev.llmcall.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Hedges a streamed method's first token: when its attempt has no content after {@link
 * #afterMillis} (or, with a {@link #percentile}, after its target's observed time to first token
 * at that percentile), the same request also goes to the next target of its {@link Fallback}
 * chain, and the first of the two to deliver content is the stream; the other is cancelled at
 * once. At most one hedge per call, never after content or a tool call, and at most as many as
 * the runtime's hedge budget allows (by default 10% of the method's calls of the last 10 s).
 * On an interface, for every streaming method with a chain that has no {@code @Hedge} of its own.
 *
 * <pre>{@code
 * @LlmCall(prompt = "Tell a story about {topic}")
 * @Fallback(name = "story", to = @Fallback.Target(provider = "anthropic", model = "claude-haiku-4-5"))
 * @Hedge(afterMillis = 2000, percentile = 95)
 * LlmStream story(String topic);
 * }</pre>
 *
 * <p>The processor checks that the method streams ({@code LlmStream}, {@code Stream<String>},
 * {@code Flow.Publisher<String>}) and has a chain, its own or its interface's.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Hedge {
  /**
   * How long an attempt waits for its first token before it is hedged, in milliseconds, at least
   * 1; with a {@link #percentile}, the wait until its target delivered 20 first tokens.
   */
  long afterMillis();

  /**
   * 50 to 99 to hedge after the target's observed time to first token at this percentile (of its
   * last 64 first tokens, once it had 20), or 0, the default, for {@link #afterMillis} always.
   */
  int percentile() default 0;
}
