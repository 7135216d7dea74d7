package dev.llmcall.bench;

import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole streaming path per chunk: a 50-chunk OpenAI stream from the fake provider on
 * 127.0.0.1, through HttpClient, the SSE decoder, the stream assembler and the chunk channel, read
 * by an iterating caller. The score is time per chunk (one invocation counts as 50 operations); it
 * includes the fake server rendering the events on the same machine, so it is an upper bound of
 * llmcall's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StreamingPathBenchmark {
  static final int CHUNKS = 50;

  private FakeLlmServer server;
  private LlmRuntime runtime;
  private BoundCall call;
  private FakeReply reply;

  @Setup(Level.Trial)
  public void start() {
    server = FakeLlmServer.start();
    runtime = LlmRuntime.builder()
        .provider(ProviderConfig.openAi("bench-key").withBaseUrl(server.openAiBaseUrl()))
        .build();
    call = runtime.bind(CallSite.of("Bench.stream", "openai", "gpt-4o-mini"));
    String[] chunks = new String[CHUNKS];
    Arrays.fill(chunks, "token ");
    reply = FakeReply.stream(chunks);
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
    server.close();
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public int streamOf50Chunks() {
    server.enqueue(reply);
    int chars = 0;
    try (LlmStream stream = call.stream(null, "Stream 50 tokens")) {
      for (String chunk : stream) {
        chars += chunk.length();
      }
    }
    server.clearRequests();
    return chars;
  }
}
