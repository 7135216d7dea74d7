package dev.llmcall.runtime.internal.sse;

import static dev.llmcall.runtime.internal.sse.SseFeeding.R;
import static dev.llmcall.runtime.internal.sse.SseFeeding.b;
import static dev.llmcall.runtime.internal.sse.SseFeeding.decode;
import static dev.llmcall.runtime.internal.sse.SseFeeding.ev;
import static dev.llmcall.runtime.internal.sse.SseFeeding.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.internal.sse.SseFeeding.Ev;
import dev.llmcall.runtime.internal.sse.SseFeeding.Outcome;
import dev.llmcall.runtime.internal.sse.SseFeeding.SseRecorder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The WHATWG event stream rules, one or more tests each. Every stream goes through
 * {@link SseFeeding#decode(int, int, byte[]...)}, which feeds it whole, in the chunks given here
 * (cut inside CRLFs, multi-byte characters, field names and right after colons where it matters),
 * split in two at every offset, one byte at a time and in random chunks, and checks that every way
 * gives the same events, comments, lines, end state, last event ID and reconnection time.
 */
class SseDecoderTest {
  // ---- the standard's examples ----

  @Test
  void specMultiLineData() {
    Outcome out = decode("data: YHOO\ndata: +2\ndata: 10\n\n");
    assertEquals(List.of(msg("YHOO\n+2\n10")), out.events());
    assertTrue(out.clean());
  }

  @Test
  void specTestStream() {
    Outcome out = decode(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
        + "data:  third event\n\n");
    assertEquals(List.of(msg("first event", "1"), msg("second event", ""),
        msg(" third event", "")), out.events());
    assertEquals(List.of(" test stream"), out.comments());
  }

  @Test
  void specTestStreamWithIndentedDataLineIgnoresIt() {
    Outcome out = decode(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
        + " data: third event\n\n");
    assertEquals(List.of(msg("first event", "1"), msg("second event", "")), out.events());
    assertTrue(out.clean(), "a field named \" data\" is ignored, so nothing is pending");
  }

  @Test
  void specEmptyDataAndNewlineDataAndDiscardedLastBlock() {
    Outcome out = decode("data\n\ndata\ndata\n\ndata:");
    assertEquals(List.of(msg(""), msg("\n")), out.events());
    assertFalse(out.clean());
  }

  @Test
  void specSpaceAfterColonIsOptional() {
    assertEquals(List.of(msg("test"), msg("test")), decode("data:test\n\ndata: test\n\n").events());
  }

  @Test
  void specEventTypes() {
    Outcome out = decode("event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\n"
        + "event: add\ndata: 113411\n\n");
    assertEquals(List.of(ev("add", "73857293"), ev("remove", "2153"), ev("add", "113411")),
        out.events());
  }

  // ---- line endings ----

  @Test
  void crOnlyLineEndings() {
    Outcome out = decode("data: a\rdata: b\r\rdata: c\r\r");
    assertEquals(List.of(msg("a\nb"), msg("c")), out.events());
    assertEquals(5, out.lines());
  }

  @Test
  void mixedLineEndings() {
    Outcome out = decode("data: a\r\ndata: b\ndata: c\r\r\ndata: d\n\r\ndata: e\n\rdata: f\r\n\n");
    assertEquals(List.of(msg("a\nb\nc"), msg("d"), msg("e"), msg("f")), out.events());
  }

  @Test
  void crlfSplitBetweenChunksIsOneLineEnding() {
    Outcome out = decode(b("data: a\r"), b("\ndata: b\r"), b("\n\r"), b("\n"));
    assertEquals(List.of(msg("a\nb")), out.events());
    assertEquals(3, out.lines());
    assertTrue(out.clean());
  }

  @Test
  void crAtChunkEndThenCrIsTwoLineEndings() {
    Outcome out = decode(b("data: a\r"), b("\rdata: b\r"), b("\r"));
    assertEquals(List.of(msg("a"), msg("b")), out.events());
  }

  @Test
  void crDispatchesWithoutWaitingForAPossibleLf() {
    SseRecorder recorder = new SseRecorder();
    SseDecoder decoder = new SseDecoder(recorder);
    decoder.feed(b("data: a\r\r"), 0, 9);
    assertEquals(List.of(msg("a")), recorder.events);
    decoder.feed(b("\ndata: b\n\n"), 0, 10); // this LF ends the blank line: no extra line
    assertEquals(List.of(msg("a"), msg("b")), recorder.events);
    assertEquals(4, recorder.lines);
  }

  @Test
  void lineEndingsAreFoundAmongLookalikeBytesAtEveryAlignment() {
    int[] lookalikes = {0x00, 0x01, 0x09, 0x0B, 0x0C, 0x0E, 0x1A, 0x1D, 0x8A, 0x8D, 'a'};
    String[] endings = {"\n", "\r", "\r\n"};
    Random random = new Random(7);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (int line = 0; line < 120; line++) {
      StringBuilder text = new StringBuilder();
      stream.write(':');
      for (int k = random.nextInt(20); k > 0; k--) {
        int c = lookalikes[random.nextInt(lookalikes.length)];
        stream.write(c);
        text.append(c >= 0x80 ? R : String.valueOf((char) c)); // a lone continuation byte
      }
      stream.writeBytes(b(endings[random.nextInt(endings.length)]));
      expected.add(text.toString());
    }
    Outcome out = decode(stream.toByteArray());
    assertEquals(expected, out.comments());
    assertEquals(120, out.lines());
  }

  // ---- UTF-8 ----

  @Test
  void multiByteCharactersSplitBetweenChunks() {
    Outcome out = decode(b("data: ", 0xC3), b(0xA9, 0xE2, 0x82), b(0xAC, 0xF0, 0x9F),
        b(0x98, 0x80, "\n\n"), b("event: caf", 0xC3), b(0xA9, "\ndata", ":"), b(" ", 0xF0),
        b(0x9F, 0x98, 0x80, "\r"), b("\n\r"), b("\n"));
    assertEquals(List.of(msg("é€😀"), ev("café", "😀")), out.events());
  }

  @Test
  void invalidBytesBecomeReplacementCharactersAsWhatwgDecodes() {
    Outcome out = decode(
        b("data: ", 0xED, 0xA0, 0x80, "\n\n"), // an encoded surrogate: three errors
        b("data: ", 0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64,
            "\n\n"), // the Unicode standard's maximal-subpart example
        b("data: ", 0xC0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xF5, 0xFF, "\n\n"),
        b("data: ", 0xE2, 0x82, "\n\n"), // cut short by the line's end
        b("data: ", 0xE2, 0x82, "\ndata: ", 0xAC, "\n\n"), // an LF between never joins them
        b("data: \uFFFD ok\n\n"), // a real U+FFFD is just text
        b("data: \uFFFD", 0xED, 0xA0, 0x80, "\n\n"));
    assertEquals(List.of(msg(R + R + R), msg("a" + R + R + R + "b" + R + "c" + R + R + "d"),
        msg(R.repeat(8)), msg(R), msg(R + "\n" + R), msg(R + " ok"), msg(R.repeat(4))),
        out.events());
  }

  @Test
  void invalidBytesInTypeIdAndCommentAndFieldName() {
    Outcome out = decode(b(":", 0xFF, "\nevent: ", 0xFF, "x\nid: ", 0xC3, "\nd", 0xFF,
        "ata: no\ndata: yes\n\n"));
    assertEquals(List.of(new Ev(R + "x", "yes", R)), out.events());
    assertEquals(List.of(R), out.comments());
  }

  @Test
  void decodingAgreesWithTheJdkOnRandomBytesWithoutSurrogateLeads() {
    int[] alphabet = {'a', ':', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xE1, 0xEC, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] value = new byte[1 + random.nextInt(12)];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) alphabet[random.nextInt(alphabet.length)];
      }
      SseRecorder recorder = new SseRecorder();
      SseDecoder decoder = new SseDecoder(recorder);
      for (byte[] part : new byte[][] {b("data:"), value, b("\n\n")}) {
        decoder.feed(part, 0, part.length);
      }
      String expected = new String(value, StandardCharsets.UTF_8); // agrees without 0xED
      assertEquals(expected, recorder.events.get(0).data(), () -> Arrays.toString(value));
    }
  }

  // ---- byte order mark ----

  @Test
  void oneLeadingBomIsStripped() {
    assertEquals(List.of(msg("a")), decode("\uFEFFdata: a\n\n").events());
    assertEquals(List.of(msg("a")), decode(b(0xEF), b(0xBB), b(0xBF, "data: a\n\n")).events());
    assertEquals(List.of(msg("a")), decode("\uFEFF\ndata: a\n\n").events());
  }

  @Test
  void onlyOneBomAndOnlyAtTheStart() {
    assertEquals(List.of(msg("b")), decode("\uFEFF\uFEFFdata: a\n\ndata: b\n\n").events());
    assertEquals(List.of(msg("\uFEFFa")), decode("\uFEFFdata: \uFEFFa\n\n").events());
    assertEquals(List.of(msg("a")), decode("data: a\n\n\uFEFFdata: b\n\n").events());
  }

  @Test
  void bomOnlyStreamEndsCleanlyButHalfABomDoesNot() {
    Outcome bom = decode("\uFEFF");
    assertEquals(List.of(), bom.events());
    assertTrue(bom.clean());
    assertFalse(decode(b(0xEF, 0xBB)).clean());
  }

  // ---- comments and activity ----

  @Test
  void commentsAreIgnoredButReported() {
    Outcome out = decode(": keep-alive\n\n:\ndata: a\n:inside\n\n: bye\n");
    assertEquals(List.of(msg("a")), out.events());
    assertEquals(List.of(" keep-alive", "", "inside", " bye"), out.comments());
    assertEquals(7, out.lines(), "every complete line is activity");
    assertTrue(out.clean());
  }

  @Test
  void lambdaListenerGetsEventsAndNoComments() {
    List<String> data = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, d, id) -> data.add(d));
    byte[] s = b(": ping\ndata: x\n\n");
    decoder.feed(s, 0, s.length);
    assertEquals(List.of("x"), data);
    assertTrue(decoder.end());
  }

  @Test
  void aLineCutByAChunkIsNotActivityUntilItEnds() {
    SseRecorder recorder = new SseRecorder();
    SseDecoder decoder = new SseDecoder(recorder);
    decoder.feed(b(": keep"), 0, 6);
    assertEquals(0, recorder.lines);
    decoder.feed(b("-alive\n"), 0, 7);
    assertEquals(1, recorder.lines);
    assertEquals(List.of(" keep-alive"), recorder.comments);
  }

  // ---- fields ----

  @Test
  void eventTypeDefaultsToMessageAndResetsAfterEachEvent() {
    Outcome out = decode("event: update\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n"
        + "event\ndata: 4\n\nevent: a\nevent: b\ndata: 5\n\n");
    assertEquals(List.of(ev("update", "1"), msg("2"), msg("3"), msg("4"), ev("b", "5")),
        out.events());
  }

  @Test
  void repeatedEventTypeReusesOneString() {
    Outcome out = decode("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\n");
    assertSame(out.events().get(0).type(), out.events().get(1).type());
  }

  @Test
  void lastEventIdPersistsUntilAnIdLineChangesOrResetsIt() {
    Outcome out = decode("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\ndata: d\n\n"
        + "data: e\nid: 3\n\nid:\ndata: f\n\nid:  x\ndata: g\n\n");
    assertEquals(List.of(msg("a", "1"), msg("b", "1"), msg("c", ""), msg("d", "2"),
        msg("e", "3"), msg("f", ""), msg("g", " x")), out.events());
    assertEquals(" x", out.lastEventId());
  }

  @Test
  void idContainingNullIsIgnored() {
    Outcome out = decode("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\nid: \u0000\ndata: c\n\n");
    assertEquals(List.of(msg("a", "1"), msg("b", "1"), msg("c", "1")), out.events());
  }

  @Test
  void idInABlockWithoutDataStillBecomesTheLastEventId() {
    Outcome out = decode("id: 7\n\n");
    assertEquals(List.of(), out.events());
    assertEquals("7", out.lastEventId());
    assertTrue(out.clean());
  }

  @Test
  void idWithoutABlankLineIsNotCommitted() {
    Outcome out = decode("id: 1\ndata: a\n\nid: 9\n");
    assertEquals("1", out.lastEventId());
    assertFalse(out.clean());
  }

  @Test
  void retryTakesAsciiDigitsOnly() {
    assertEquals(5000, decode("retry: 5000\n").retry());
    assertEquals(0, decode("retry:0\n").retry());
    assertEquals(100, decode("retry: 100\nretry: 1a\nretry: -1\nretry: 1.5\nretry:  5\n"
        + "retry: +5\nretry:\nretry\nretry: \u0663\nretry: 5 \n").retry());
    assertEquals(-1, decode("data: a\n\n").retry());
    assertEquals(Long.MAX_VALUE, decode("retry: 99999999999999999999999\n").retry());
  }

  @Test
  void retryAppliesAtOnceButNotFromAnUnendedLine() {
    Outcome out = decode("retry: 7\n");
    assertEquals(7, out.retry());
    assertTrue(out.clean(), "retry needs no blank line");
    assertEquals(-1, decode("retry: 7").retry());
  }

  @Test
  void unknownFieldsAreIgnored() {
    Outcome out = decode("foo: bar\nDATA: x\ndata : y\ndatax: z\nEvent: e\nid : 3\nretry : 9\n"
        + "foo\ndata: kept\n\n");
    assertEquals(List.of(msg("kept")), out.events());
    assertEquals(-1, out.retry());
  }

  @Test
  void fieldWithoutColonHasAnEmptyValue() {
    Outcome out = decode("data\ndata\n\nevent\ndata: x\n\nid: 4\nid\ndata: y\n\n");
    assertEquals(List.of(msg("\n"), msg("x"), msg("y")), out.events());
  }

  @Test
  void exactlyOneSpaceAfterTheColonIsRemoved() {
    Outcome out = decode("data:  two\n\ndata:x\n\ndata: \n\ndata:\t x\n\ndata:   \n\n"
        + "event:  t\ndata: v: w\n\n");
    assertEquals(List.of(msg(" two"), msg("x"), msg(""), msg("\t x"), msg("  "),
        ev(" t", "v: w")), out.events());
  }

  @Test
  void blockWithoutDataIsNotDispatchedAndItsTypeIsDropped() {
    Outcome out = decode("event: a\n\nevent: b\nretry: 3\n: c\n\ndata: x\n\n");
    assertEquals(List.of(msg("x")), out.events());
  }

  @Test
  void unterminatedLastEventIsDiscardedAtEnd() {
    Outcome partLine = decode("data: a\n\ndata: b");
    assertEquals(List.of(msg("a")), partLine.events());
    assertFalse(partLine.clean());
    Outcome noBlankLine = decode("data: a\n\ndata: b\r");
    assertEquals(List.of(msg("a")), noBlankLine.events());
    assertFalse(noBlankLine.clean());
    assertFalse(decode("data: a\n\nevent: x\n").clean());
    assertTrue(decode("data: a\r\n\r\n").clean());
    assertTrue(decode("data: a\n\n: bye\nunknown: y\n").clean());
  }

  // ---- providers' streams ----

  @Test
  void longOpenAiStream() {
    SseProviderStreams.Script stream = SseProviderStreams.openAi(1500);
    Outcome out = decode(stream.chunks());
    assertEquals(stream.expected(), out.events());
    assertEquals(3, out.comments().size());
    assertTrue(out.clean());
  }

  @Test
  void anthropicStream() {
    SseProviderStreams.Script stream = SseProviderStreams.anthropic(200);
    Outcome out = decode(stream.chunks());
    assertEquals(stream.expected(), out.events());
    assertSame(out.events().get(3).type(), out.events().get(4).type(), "one String per type");
    assertTrue(out.clean());
  }
}
