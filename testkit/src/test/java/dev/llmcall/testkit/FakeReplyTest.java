package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reply script itself: immutability and fail-fast validation. */
class FakeReplyTest {

  @Test
  void withMethodsReturnNewInstancesAndLeaveTheOriginalAlone() {
    FakeReply base = FakeReply.text("a");

    FakeReply changed = base.usage(1, 2).finishReason("length").header("x", "y").delay(Duration.ofMillis(5));

    assertNotSame(base, changed);
    assertNull(base.inputTokens());
    assertNull(base.finishReason());
    assertEquals(0, base.headers().size());
    assertEquals(Duration.ZERO, base.delay());
    assertEquals(1, changed.inputTokens());
    assertEquals("length", changed.finishReason());
    assertEquals(1, changed.headers().size());
    assertEquals(Duration.ofMillis(5), changed.delay());
  }

  @Test
  void errorStatusesMustBe4xxOr5xx() {
    assertThrows(IllegalArgumentException.class, () -> FakeReply.status(200));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.error(299, "x", "y"));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.status(600));
    assertEquals(599, FakeReply.status(599).httpStatus());
  }

  @Test
  void optionsThatDoNotApplyToAKindOfReplyFailFast() {
    assertThrows(IllegalStateException.class, () -> FakeReply.status(500).usage(1, 1));
    assertThrows(IllegalStateException.class, () -> FakeReply.status(500).refusal("no"));
    assertThrows(IllegalStateException.class, () -> FakeReply.dropConnection().header("a", "b"));
    assertThrows(IllegalStateException.class, () -> FakeReply.dropConnection().body(""));
    assertEquals(Duration.ofSeconds(1), FakeReply.dropConnection().delay(Duration.ofSeconds(1)).delay());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(NullPointerException.class, () -> FakeReply.text(null));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").usage(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").delay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").header(" ", "v"));
  }
}
