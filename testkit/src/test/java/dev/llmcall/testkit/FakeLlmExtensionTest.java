package dev.llmcall.testkit;

import static dev.llmcall.testkit.Scenarios.onlyFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** FakeLlmExtension: what it injects where, and that each test's server is its own and is closed. */
@FakeLlm
class FakeLlmExtensionTest {

  @InjectFake FakeLlmServer fieldServer;
  @InjectFake VirtualScheduler fieldTime;
  private FakeLlmServer beforeEachServer;

  @BeforeEach
  void setUp(FakeLlmServer server) {
    beforeEachServer = server;
  }

  @Test
  void parametersFieldsAndBeforeEachShareTheTestsInstances(FakeLlmServer server,
      VirtualScheduler time) throws Exception {
    assertSame(server, fieldServer);
    assertSame(server, beforeEachServer);
    assertSame(time, fieldTime);
    assertFalse(server.isStrict());

    Http.post(Http.chatCompletions(server), Http.chat("m", "Hi"));
    assertEquals(1, server.requestCount());
    time.sleep(Duration.ofSeconds(3));
    assertEquals(List.of(Duration.ofSeconds(3)), fieldTime.waits());
  }

  @RepeatedTest(2)
  void repeatedTestsGetAServerToo(FakeLlmServer server) {
    assertSame(server, fieldServer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "b"})
  void parameterizedTestsGetAServerAfterTheirArguments(String argument, FakeLlmServer server) {
    assertNotNull(argument);
    assertSame(server, fieldServer);
  }

  @Nested
  class Inner {
    @InjectFake FakeLlmServer innerServer;

    @Test
    void aNestedTestSharesItsServerWithTheOuterFields(FakeLlmServer server) {
      assertSame(server, innerServer);
      assertSame(server, fieldServer);
    }
  }

  @Test
  void eachTestGetsItsOwnServerAndSchedulerAndTheServerIsClosedAfterIt() throws Exception {
    TwoTests.seen.clear();
    EngineExecutionResults results = Scenarios.run(TwoTests.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertEquals(2, TwoTests.seen.size());
    Fakes first = TwoTests.seen.get(0);
    Fakes second = TwoTests.seen.get(1);
    assertNotSame(first.server(), second.server());
    assertNotSame(first.time(), second.time());
    for (Fakes fakes : TwoTests.seen) {
      assertThrows(IOException.class,
          () -> Http.post(Http.chatCompletions(fakes.server()), Http.chat("m", "closed?")));
    }
  }

  @Test
  void aTestInstancePerClassStillGetsFreshFieldsForEachTest() {
    PerClass.seen.clear();
    EngineExecutionResults results = Scenarios.run(PerClass.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertEquals(2, PerClass.seen.size());
    assertNotSame(PerClass.seen.get(0), PerClass.seen.get(1));
  }

  @Test
  void plainExtendWithWorksAndIsLenient() {
    EngineExecutionResults results = Scenarios.run(PlainExtendWith.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aConstructorCannotAskForAServer() {
    Throwable failure = onlyFailure(Scenarios.run(ConstructorInjection.class));

    assertTrue(failure.getMessage().startsWith("FakeLlmServer is made afresh for each test: ask for it in"
        + " a test, @BeforeEach or @AfterEach method or an @InjectFake field, not in"), failure.getMessage());
  }

  @Test
  void aBeforeAllMethodCannotAskForAScheduler() {
    EngineExecutionResults results = Scenarios.run(BeforeAllInjection.class);

    Throwable failure = results.containerEvents().failed().stream()
        .map(Scenarios::throwable).findFirst().orElseThrow();
    assertTrue(failure.getMessage().startsWith("VirtualScheduler is made afresh for each test"),
        failure.getMessage());
  }

  @Test
  void anInjectFakeFieldOfAnotherTypeFailsTheTest() {
    Throwable failure = onlyFailure(Scenarios.run(WrongFieldType.class));

    assertEquals("@InjectFake field WrongFieldType.name must be an instance field, not final,"
        + " of type FakeLlmServer or VirtualScheduler", failure.getMessage());
  }

  record Fakes(FakeLlmServer server, VirtualScheduler time) {}

  @EngineScenario
  @FakeLlm
  static class TwoTests {
    static final List<Fakes> seen = new ArrayList<>();

    @Test
    void one(FakeLlmServer server, VirtualScheduler time) {
      seen.add(new Fakes(server, time));
    }

    @Test
    void two(FakeLlmServer server, VirtualScheduler time) {
      seen.add(new Fakes(server, time));
    }

    @AfterEach
    void serverIsStillOpenInAfterEach(FakeLlmServer server) throws Exception {
      Http.post(Http.chatCompletions(server), Http.chat("m", "still open"));
    }
  }

  @EngineScenario
  @FakeLlm
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClass {
    static final List<FakeLlmServer> seen = new ArrayList<>();
    @InjectFake FakeLlmServer server;

    @Test
    void one(FakeLlmServer parameter) {
      assertSame(parameter, server);
      seen.add(server);
    }

    @Test
    void two(FakeLlmServer parameter) {
      assertSame(parameter, server);
      seen.add(server);
    }
  }

  @EngineScenario
  @ExtendWith(FakeLlmExtension.class)
  static class PlainExtendWith {
    @Test
    void getsALenientServer(FakeLlmServer server) {
      server.enqueue(FakeReply.text("never used"));
      assertFalse(server.isStrict());
    }
  }

  @EngineScenario
  @FakeLlm
  static class ConstructorInjection {
    ConstructorInjection(FakeLlmServer server) {}

    @Test
    void test() {}
  }

  @EngineScenario
  @FakeLlm
  static class BeforeAllInjection {
    @BeforeAll
    static void setUp(VirtualScheduler time) {}

    @Test
    void test() {}
  }

  @EngineScenario
  @FakeLlm
  static class WrongFieldType {
    @InjectFake String name;

    @Test
    void test() {}
  }
}
