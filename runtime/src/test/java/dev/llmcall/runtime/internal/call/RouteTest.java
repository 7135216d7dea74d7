package dev.llmcall.runtime.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.RetryBudget;
import dev.llmcall.runtime.Target;
import dev.llmcall.runtime.internal.failure.Classification;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.CallSite.Fallback;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a call moves from one target of its route to the next (#13). */
class RouteTest {
  private static final Classification SERVER_ERROR =
      new Classification(ErrorCategory.SERVER_ERROR, true, null, "boom", null);
  private static final Classification AUTH =
      new Classification(ErrorCategory.AUTHENTICATION, false, null, "bad key", null);
  private static final Classification TOO_LONG = new Classification(ErrorCategory.VALIDATION,
      false, null, "context length exceeded: too many tokens", "context_length_exceeded");
  private static final Classification BAD_PARAMETER =
      new Classification(ErrorCategory.VALIDATION, false, null, "unknown parameter", null);

  private static Route.Leg leg(Target target) {
    return new Route.Leg(target, CallSite.of("A.b", target.provider(), target.model()),
        new Endpoint(target.provider(), ProviderConfig.Wire.OPENAI_CHAT, URI.create("http://x"), "k"),
        null, new RetryBank(RetryBudget.unlimited(), () -> 0));
  }

  private static Route route(Set<Fallback.On> on, Target... targets) {
    return new Route(List.of(targets).stream().map(RouteTest::leg).toList(), on);
  }

  @Test
  void movesOnForWhatTheChainListsAndOnlyThat() {
    Route r = route(Fallback.DEFAULT_ON, Target.of("openai", "a"), Target.of("anthropic", "b"));
    assertEquals(1, r.after(0, SERVER_ERROR, false));
    assertEquals(-1, r.after(0, AUTH, false));
    assertEquals(-1, r.after(0, TOO_LONG, false));
    assertEquals(-1, r.after(1, SERVER_ERROR, false), "the last target has no next");
  }

  @Test
  void anOpenBreakerMovesOnWhateverTheFailure() {
    Route r = route(Set.of(Fallback.On.CIRCUIT_OPEN), Target.of("openai", "a"), Target.of("xai", "b"));
    assertEquals(1, r.after(0, SERVER_ERROR, true));
    assertEquals(-1, r.after(0, SERVER_ERROR, false));
    assertEquals(1, r.afterOpenBreaker(0));
    assertEquals(-1, route(Set.of(), Target.of("openai", "a"), Target.of("xai", "b")).afterOpenBreaker(0));
  }

  @Test
  void aPromptTooLongGoesToTheNextLargerContextTargetOnly() {
    Route r = route(Set.of(Fallback.On.CONTEXT_LENGTH), Target.of("openai", "small"),
        Target.of("anthropic", "same"), Target.of("openai", "large").withLargerContext());
    assertEquals(2, r.after(0, TOO_LONG, false));
    assertEquals(-1, r.after(0, BAD_PARAMETER, false), "other bad requests are the caller's");
  }

  @Test
  void validationMovesAnyBadRequestToTheNextTarget() {
    Route r = route(Set.of(Fallback.On.VALIDATION), Target.of("openai", "a"), Target.of("xai", "b"));
    assertEquals(1, r.after(0, BAD_PARAMETER, false));
    assertEquals(1, r.after(0, TOO_LONG, false));
  }

  @Test
  void aSingleTargetNeverMoves() {
    Route r = Route.single(leg(Target.of("openai", "a")));
    assertEquals(-1, r.after(0, SERVER_ERROR, true));
    assertEquals(-1, r.next(0));
  }
}
