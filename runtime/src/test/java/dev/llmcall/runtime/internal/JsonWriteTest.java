package dev.llmcall.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Json#write} reuses a per-thread buffer through Jackson's public API only (issue 15). */
class JsonWriteTest {

  private static String write(Json.Writer writer) {
    return new String(Json.write(writer), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheSameBytesEachTimeTheBufferIsReused() {
    for (int i = 0; i < 3; i++) {
      assertEquals("{\"role\":\"user\",\"content\":\"hé\"}",
          write(g -> Json.message(g, "user", "hé")));
    }
  }

  @Test
  void aWriteInsideAWriteGetsItsOwnBuffer() {
    String outer = write(g -> {
      g.writeStartObject();
      g.writeStringField("inner", write(h -> h.writeString("x")));
      g.writeEndObject();
    });
    assertEquals("{\"inner\":\"\\\"x\\\"\"}", outer);
    assertEquals("\"y\"", write(g -> g.writeString("y")));
  }

  @Test
  void bodiesLargerThanTheKeptBlockAreWholeAndLaterOnesStillWork() {
    String big = "a".repeat(300_000);
    assertEquals("\"" + big + "\"", write(g -> g.writeString(big)));
    assertEquals("[1,2]", write(g -> {
      g.writeStartArray();
      g.writeNumber(1);
      g.writeNumber(2);
      g.writeEndArray();
    }));
  }

  @Test
  void aFailedWriteLeavesNothingBehindForTheNext() {
    assertThrows(UncheckedIOException.class, () -> Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("half", "written");
      throw new IOException("boom");
    }));
    assertEquals("true", write(g -> g.writeBoolean(true)));
  }
}
