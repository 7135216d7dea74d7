package dev.llmcall.runtime.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
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
  void aTypicalBodyAllocatesLittleMoreThanItsResult() throws ReflectiveOperationException {
    // A fresh 8 KB builder per call would add 8 KB per write; the reused one adds the generator.
    // The thread bean is reached by reflection: the tests run inside the runtime module, which
    // does not read java.management (as in CircuitBreakerAllocationTest).
    Object threads = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Class<?> sunBean;
    try {
      sunBean = Class.forName("com.sun.management.ThreadMXBean");
    } catch (ClassNotFoundException e) {
      sunBean = null;
    }
    assumeTrue(sunBean != null && sunBean.isInstance(threads), "no per-thread allocation counter");
    Method allocated = sunBean.getMethod("getCurrentThreadAllocatedBytes");
    String text = "x".repeat(1500);
    Json.Writer body = g -> {
      g.writeStartObject();
      g.writeStringField("model", "gpt-4o-mini");
      g.writeArrayFieldStart("messages");
      Json.message(g, "user", text);
      g.writeEndArray();
      g.writeEndObject();
    };
    int size = Json.write(body).length;
    for (int i = 0; i < 20_000; i++) {
      Json.write(body);
    }
    int n = 2_000;
    long before = (Long) allocated.invoke(threads);
    for (int i = 0; i < n; i++) {
      Json.write(body);
    }
    long perWrite = ((Long) allocated.invoke(threads) - before) / n;
    assertTrue(perWrite < size + 2_048, perWrite + " bytes per write of " + size);
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
