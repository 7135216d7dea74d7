package dev.llmcall.bench;

import dev.llmcall.runtime.internal.sse.SseDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SSE decoder on a realistic OpenAI chat-completions stream: {@value #EVENTS} events (content
 * chunks, the last one {@code [DONE]}), about 1 MiB in all, fed in 8 KiB heap buffers the way the
 * JDK's HttpClient hands a body over, with a new decoder per stream as for each HTTP response.
 *
 * <p>One invocation decodes the whole stream and counts as {@value #EVENTS} operations, so the
 * score is events per second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated
 * per event. The {@code megabytes} counter reports stream megabytes (10^6 bytes) decoded per
 * second directly; the same figure is {@code score * streamBytes / EVENTS / 10^6}, with the stream
 * size the setup prints. Run:
 *
 * <pre>java -jar bench/target/benchmarks.jar SseDecoderBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SseDecoderBenchmark {
  static final int EVENTS = 3600;
  private static final int CHUNK = 8 * 1024;
  private static final String[] WORDS = {"The", " quick", " brown", " fox", " jumps", " over",
      " the", " lazy", " dog", ".", " It", " was", " a", " bright", " cold", " day", " in",
      " April", ",", " and", " the", " clocks", " were", " striking", " thirteen", ".", "\\n\\n"};

  private ByteBuffer[] chunks;
  private long streamBytes;

  /** Megabytes decoded, as a rate: JMH divides the total by the measured time. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Throughput {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Setup
  public void setUp() {
    byte[] stream = openAiStream().getBytes(StandardCharsets.UTF_8);
    streamBytes = stream.length;
    int count = (stream.length + CHUNK - 1) / CHUNK;
    chunks = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      int off = i * CHUNK;
      chunks[i] = ByteBuffer.wrap(stream, off, Math.min(CHUNK, stream.length - off)).slice();
    }
    System.out.println("stream: " + streamBytes + " bytes, " + EVENTS + " events, " + count
        + " chunks of up to " + CHUNK + " bytes");
  }

  static String openAiStream() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < EVENTS - 1; i++) {
      s.append("data: {\"id\":\"chatcmpl-AT4xVQbkHCNKmP1gIXm0b2OvTZ7Jn\",\"object\":")
          .append("\"chat.completion.chunk\",\"created\":1731680400,\"model\":")
          .append("\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",")
          .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(WORDS[i % WORDS.length])
          .append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
    }
    return s.append("data: [DONE]\n\n").toString();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public boolean openAiStream8KiBChunks(Throughput counters, Blackhole bh) {
    SseDecoder decoder = new SseDecoder((type, data, lastEventId) -> bh.consume(data));
    for (ByteBuffer chunk : chunks) {
      chunk.rewind();
      decoder.feed(chunk);
    }
    counters.megabytes += streamBytes / 1e6;
    return decoder.end();
  }
}
