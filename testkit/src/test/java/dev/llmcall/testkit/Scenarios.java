package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link EngineScenario} classes inside EngineTestKit and digs out how they failed. */
final class Scenarios {

  private Scenarios() {}

  /** Runs {@code scenario} on the Jupiter engine and returns what happened. */
  static EngineExecutionResults run(Class<?> scenario) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(EngineScenario.KEY, "true")
        .selectors(selectClass(scenario))
        .execute();
  }

  /** The failure of the one test that failed; fails when not exactly one did. */
  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertEquals(1, failed.size(), () -> "failed tests: " + failed);
    return throwable(failed.get(0));
  }

  /** What a finished event failed with. */
  static Throwable throwable(Event event) {
    return event.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .orElseThrow();
  }
}
