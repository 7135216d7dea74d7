package dev.llmcall.runtime.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.runtime.CircuitBreaker.State;
import dev.llmcall.runtime.CircuitBreaker.Transition;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The runtime's log, read through a System.Logger of our own (#14). */
class CallLogTest {
  private static final String KEY = "sk-log-secret-4242";
  private static final java.util.function.UnaryOperator<String> REDACT =
      s -> s == null ? null : s.replace(KEY, CallLog.REDACTED);

  /** Keeps every message at or above its level. */
  private static final class Capture implements Logger {
    final List<String> lines = new ArrayList<>();
    final Level threshold;

    Capture(Level threshold) {
      this.threshold = threshold;
    }

    @Override
    public String getName() {
      return CallLog.NAME;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        lines.add(level + " " + msg);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      log(level, bundle, format, (Throwable) null);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      log(level, null, msgSupplier.get(), (Throwable) null);
    }
  }

  @Test
  void credentialHeadersAreRedactedWhateverTheirCaseAndTheKeyWhereverItIs() {
    for (String name : List.of("Authorization", "x-api-key", "API-KEY", "proxy-authorization")) {
      assertEquals(CallLog.REDACTED, CallLog.header(name, "Bearer anything", REDACT), name);
    }
    assertEquals("id [redacted] here", CallLog.header("x-echo", "id " + KEY + " here", REDACT));
    assertEquals("plain", CallLog.header("x-plain", "plain", REDACT));
  }

  @Test
  void aBreakerOpeningIsAWarningAndItsOtherTransitionsInfo() {
    Capture capture = new Capture(Level.ALL);
    CallLog log = new CallLog(capture, false);
    log.transition(new Transition("openai", State.CLOSED, State.OPEN, "5 consecutive failures"));
    log.transition(new Transition("openai", State.OPEN, State.HALF_OPEN, "open time passed"));
    log.transition(new Transition("openai", State.HALF_OPEN, State.CLOSED, "3 trial successes"));
    log.transition(new Transition("openai", State.CLOSED, State.FORCED_OPEN, "forced"));
    assertEquals(List.of(
        "WARNING circuit breaker 'openai': CLOSED -> OPEN (5 consecutive failures)",
        "INFO circuit breaker 'openai': OPEN -> HALF_OPEN (open time passed)",
        "INFO circuit breaker 'openai': HALF_OPEN -> CLOSED (3 trial successes)",
        "WARNING circuit breaker 'openai': CLOSED -> FORCED_OPEN (forced)"), capture.lines);
  }

  @Test
  void exchangesAreLoggedOnlyWhenSwitchedOnAndNeverWithTheKey() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/v1/messages"))
        .header("x-api-key", KEY).header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    byte[] body = ("{\"prompt\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8);

    Capture off = new Capture(Level.ALL);
    new CallLog(off, false).request("A.b", request, body, REDACT);
    assertTrue(off.lines.isEmpty());

    Capture on = new Capture(Level.ALL);
    CallLog log = new CallLog(on, true);
    log.request("A.b", request, body, REDACT);
    log.response("A.b", 200, "req-" + KEY, 2_000_000, "answer", REDACT);
    assertEquals(2, on.lines.size());
    assertTrue(on.lines.get(0).startsWith("DEBUG A.b --> POST http://127.0.0.1:1/v1/messages"));
    assertTrue(on.lines.get(0).contains("x-api-key: [redacted]"), on.lines.get(0));
    assertTrue(on.lines.get(0).contains("anthropic-version: 2023-06-01"), on.lines.get(0));
    assertEquals("DEBUG A.b <-- 200 req-[redacted] (2 ms)\n\nanswer", on.lines.get(1));
    for (String line : on.lines) {
      assertFalse(line.contains(KEY), line);
    }

    Capture info = new Capture(Level.INFO); // switched on, but the logger is not at DEBUG
    new CallLog(info, true).request("A.b", request, body, REDACT);
    assertTrue(info.lines.isEmpty());
  }
}
