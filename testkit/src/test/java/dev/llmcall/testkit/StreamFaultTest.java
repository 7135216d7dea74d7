package dev.llmcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams that misbehave on purpose (cuts, stalls), their pacing, and the server's stream counters. */
@Timeout(10)
class StreamFaultTest {

  private final FakeLlmServer server = FakeLlmServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void cutAfterClosesTheConnectionWithoutATerminalEvent() throws Exception {
    server.enqueue(FakeReply.stream("a", "b", "c").cutAfter(2));

    List<SseReader.Event> events = new ArrayList<>();
    try (SseReader sse = openAi()) {
      events.add(sse.next());
      events.add(sse.next());
      assertThrows(IOException.class, sse::next); // not a clean end of the body
    }

    assertEquals("a", events.get(1).json().at("/choices/0/delta/content").asText());
    awaitZero(server::activeStreams);
    assertEquals(1, server.completedStreams());
    assertEquals(0, server.abandonedStreams());
  }

  @Test
  void cutAfterZeroSendsOnlyTheHeaders() throws Exception {
    server.enqueue(FakeReply.stream("a").cutAfter(0));

    try (SseReader sse = SseReader.post(Http.messages(server), Http.streamChat("claude", "Hi", false))) {
      assertEquals(200, sse.response().statusCode());
      assertThrows(IOException.class, sse::next);
    }
  }

  @Test
  void stallAfterSendsKeepAlivesAndReleasesTheStreamWhenTheClientLeaves() throws Exception {
    server.enqueue(FakeReply.stream("a", "b").stallAfter(2).keepAlive(Duration.ofMillis(40)));

    try (SseReader sse = openAi()) {
      sse.next();
      sse.next();
      sse.awaitComments(2); // about 80 ms; nothing but comments arrives
      assertEquals(List.of("keep-alive", "keep-alive"), sse.comments());
      assertTrue(server.keepAlivesSent() >= 2);
      assertEquals(1, server.activeStreams());
    } // closing the body cancels the response and closes the connection

    awaitZero(server::activeStreams);
    assertEquals(1, server.abandonedStreams());
    assertEquals(0, server.completedStreams());
  }

  @Test
  void aStalledStreamIsRecordedFirstDoesNotBlockOthersAndEndsWhenTheServerCloses() throws Exception {
    server.enqueue(FakeReply.stream("a").stallAfter(1));

    try (SseReader sse = openAi()) {
      sse.next();
      assertTrue(server.takeRequest(Duration.ZERO).json().get("stream").asBoolean());
      HttpResponse<String> other = Http.post(Http.messages(server), Http.chat("claude", "Hi"));
      assertEquals(200, other.statusCode());
      assertEquals(1, server.activeStreams());

      long start = System.nanoTime();
      server.close();
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "close was slow");
      assertThrows(IOException.class, sse::next);
    }
    assertEquals(0, server.activeStreams());
    assertEquals(0, server.abandonedStreams());
    assertEquals(0, server.completedStreams());
  }

  @Test
  void chunkDelaySpacesTheEventsOut() throws Exception {
    long delayMillis = 60;
    server.enqueue(FakeReply.stream("a", "b", "c").chunkDelay(Duration.ofMillis(delayMillis)));

    List<SseReader.Event> events;
    try (SseReader sse = openAi()) {
      events = sse.rest(); // 6 events, 5 delays: about 300 ms
    }

    assertEquals(6, events.size());
    long first = events.get(0).arrivedNanos();
    for (int i = 1; i < events.size(); i++) {
      long sinceFirst = TimeUnit.NANOSECONDS.toMillis(events.get(i).arrivedNanos() - first);
      // Event i is written no sooner than i delays after event 0; allow for event 0 arriving late.
      assertTrue(sinceFirst >= i * delayMillis - 40, "event " + i + " after " + sinceFirst + " ms");
    }
  }

  @Test
  void keepAlivesFillTheGapsBetweenDelayedEvents() throws Exception {
    // Generous gaps (10 keep-alive periods between events), so a loaded machine still fits three.
    server.enqueue(FakeReply.stream("a").chunkDelay(Duration.ofMillis(300)).keepAlive(Duration.ofMillis(30)));

    try (SseReader sse = openAi()) {
      sse.next();
      sse.next();
      assertTrue(sse.comments().size() >= 1, "comments before the second event: " + sse.comments());
      assertEquals(2, sse.rest().size()); // the finish chunk and [DONE]
      assertTrue(sse.comments().size() >= 3, "comments: " + sse.comments());
    }
  }

  @Test
  void cancellingMidStreamReleasesItAndCountsItAsAbandoned() throws Exception {
    String[] chunks = new String[100];
    Arrays.fill(chunks, "word ");
    server.enqueue(FakeReply.stream(chunks).chunkDelay(Duration.ofMillis(20))); // 2 s if read to the end

    try (SseReader sse = openAi()) {
      for (int i = 0; i < 3; i++) {
        sse.next();
      }
      assertEquals(1, server.activeStreams());
    }

    awaitZero(server::activeStreams);
    assertEquals(1, server.abandonedStreams());
    assertEquals(0, server.completedStreams());
  }

  @Test
  void eventIdsOnOpenAiNumberTheChunksTheErrorAndNoDone() throws Exception {
    server.enqueue(FakeReply.stream("a", "b").eventIds(true).errorAfter(2, "server_error", "x"));

    List<SseReader.Event> events;
    try (SseReader sse = openAi()) {
      events = sse.rest();
    }

    assertEquals(List.of("1", "2", "3"), events.stream().map(SseReader.Event::id).toList());
    assertTrue(events.get(2).json().has("error"));
  }

  @Test
  void aStreamReplyToAModelsProbeListsTheModel() throws Exception {
    server.enqueue(FakeReply.stream("x").model("gpt-5"));

    HttpResponse<String> response = Http.send("GET", URI.create(server.openAiBaseUrl() + "/models"), null);

    assertEquals("gpt-5", Http.json(response).at("/data/0/id").asText());
  }

  private SseReader openAi() throws Exception {
    return SseReader.post(Http.chatCompletions(server), Http.streamChat("gpt-4o", "Hi", false));
  }

  /** Polls {@code counter} until it reads 0, for at most 5 s. */
  private static void awaitZero(IntSupplier counter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (counter.getAsInt() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, counter.getAsInt());
  }
}
