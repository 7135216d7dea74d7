package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
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
  void streamWithersReturnNewInstancesAndValidate() {
    FakeReply base = FakeReply.stream("a", "b");

    FakeReply paced = base.chunkDelay(Duration.ofMillis(5)).keepAlive(Duration.ofMillis(1)).eventIds(true)
        .cutAfter(2).usage(1, 1).refusal("no").header("x", "y").delay(Duration.ofMillis(1));

    assertEquals(Duration.ZERO, base.streamScript().chunkDelay());
    assertEquals(StreamScript.Fault.NONE, base.streamScript().fault());
    assertEquals(Duration.ofMillis(5), paced.streamScript().chunkDelay());
    assertEquals(StreamScript.Fault.CUT, paced.streamScript().fault());
    assertEquals(2, paced.streamScript().faultAfter());
    assertEquals("ab", base.text());
    assertEquals("text/event-stream", base.contentType());
    assertEquals("FakeReply.stream(a|b).errorAfter(0, server_error)",
        base.errorAfter(0, "server_error", "x").toString());
    assertThrows(IllegalArgumentException.class, () -> base.cutAfter(-1));
    assertThrows(IllegalArgumentException.class, () -> base.stallAfter(-1));
    assertThrows(IllegalArgumentException.class, () -> base.chunkDelay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> base.keepAlive(Duration.ZERO));
    assertThrows(IllegalStateException.class, () -> base.cutAfter(1).stallAfter(2));
    assertThrows(IllegalStateException.class, () -> base.stallAfter(1).errorAfter(1, "t", "m"));
    assertThrows(IllegalStateException.class, () -> base.cutAfter(1).cutAfter(2));
    assertThrows(NullPointerException.class, () -> base.errorAfter(1, null, "m"));
    assertThrows(NullPointerException.class, () -> FakeReply.stream("a", null));
    assertEquals("", FakeReply.stream().text());
  }

  @Test
  void streamOptionsApplyOnlyToStreamsAndStreamsTakeNoRawBody() {
    assertThrows(IllegalStateException.class, () -> FakeReply.text("a").cutAfter(1));
    assertThrows(IllegalStateException.class, () -> FakeReply.text("a").chunkDelay(Duration.ZERO));
    assertThrows(IllegalStateException.class, () -> FakeReply.status(500).keepAlive(Duration.ofSeconds(1)));
    assertThrows(IllegalStateException.class, () -> FakeReply.dropConnection().eventIds(true));
    assertThrows(IllegalStateException.class, () -> FakeReply.stream("a").body("raw"));
  }

  @Test
  void textIsSplitIntoWordsWithTheirFollowingWhitespace() {
    assertEquals(List.of("Hello ", "there  ", "world"), StreamScript.words("Hello there  world"));
    assertEquals(List.of(" ", "a ", "b\n"), StreamScript.words(" a b\n"));
    assertEquals(List.of(), StreamScript.words(""));
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(NullPointerException.class, () -> FakeReply.text(null));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").usage(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").delay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.text("a").header(" ", "v"));
  }
}
