package dev.llmcall.bench;

import dev.llmcall.bench.e2e.Contender;
import dev.llmcall.bench.e2e.FloorContender;
import dev.llmcall.bench.e2e.TunedFloorContender;
import dev.llmcall.bench.e2e.LlmcallContender;
import dev.llmcall.runtime.ProviderConfig;
import dev.llmcall.runtime.internal.provider.Endpoint;
import dev.llmcall.runtime.internal.provider.Prompt;
import dev.llmcall.runtime.internal.provider.ProviderWire;
import dev.llmcall.runtime.spi.CallSite;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What llmcall costs on the calling side, without the network, each beside the end-to-end floor
 * doing the same by hand (a request body from a string, Jackson's {@code readTree}, the JDK's
 * {@code ofLines}) and the tuned floor ({@code *TunedFloor}: bytes, Jackson's streaming parser,
 * SSE lines read from the bytes; issue #11):
 *
 * <ul>
 *   <li>{@code encode*}: the prompt rendered and the OpenAI request body written;
 *   <li>{@code decode*}: the OpenAI response body read into the answer;
 *   <li>{@code call*} and {@code stream*}: the whole call through the contenders of the end-to-end
 *       benchmark (for llmcall, the generated client with retry and circuit breaker on), over an
 *       {@link InMemoryHttpClient} that answers at once with the end-to-end upstream's bodies.
 * </ul>
 *
 * Run with {@code -prof gc} for bytes allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CallPathBenchmark {
  private static final URI BASE = URI.create("http://in-memory");
  private final Endpoint endpoint = new Endpoint("openai", ProviderConfig.Wire.OPENAI_CHAT,
      URI.create("http://in-memory/json/v1"), "bench-key");
  private final ProviderWire wire = ProviderWire.of(ProviderConfig.Wire.OPENAI_CHAT);
  private final CallSite site = CallSite.of("BenchAssistant.summarize", "openai", "gpt-4o-mini");
  private final byte[] answer = InMemoryHttpClient.OPENAI_ANSWER;
  private FloorContender floor;
  private TunedFloorContender tunedFloor;
  private LlmcallContender llmcall;

  @Setup(Level.Trial)
  public void open() {
    InMemoryHttpClient http = new InMemoryHttpClient();
    floor = new FloorContender(http);
    floor.open(BASE.resolve("/json/v1"), BASE.resolve("/sse/v1"));
    tunedFloor = new TunedFloorContender(http);
    tunedFloor.open(BASE.resolve("/json/v1"), BASE.resolve("/sse/v1"));
    llmcall = new LlmcallContender(http);
    llmcall.open(BASE.resolve("/json/v1"), BASE.resolve("/sse/v1"));
  }

  @TearDown(Level.Trial)
  public void close() {
    llmcall.close();
  }

  @Benchmark
  public byte[] encodeFloor() {
    return FloorContender.body(Contender.PROMPT_TEXT, false).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public byte[] encodeTunedFloor() {
    return TunedFloorContender.body(Contender.PROMPT_TEXT, false);
  }

  @Benchmark
  public byte[] encodeLlmcall() {
    // What the generated method renders, then what the runtime sends.
    return wire.encode(endpoint, site, Prompt.of(null, "Summarize: " + Contender.PROMPT_TEXT));
  }

  @Benchmark
  public String decodeFloor() throws IOException {
    return floor.answer(answer);
  }

  @Benchmark
  public String decodeTunedFloor() throws IOException {
    return TunedFloorContender.content(answer, 0, answer.length, "message");
  }

  @Benchmark
  public Object decodeLlmcall() {
    return wire.decode(answer);
  }

  @Benchmark
  public String callFloor() throws Exception {
    return floor.call(Contender.PROMPT_TEXT);
  }

  @Benchmark
  public String callTunedFloor() throws Exception {
    return tunedFloor.call(Contender.PROMPT_TEXT);
  }

  @Benchmark
  public String callLlmcall() {
    return llmcall.call(Contender.PROMPT_TEXT);
  }

  @Benchmark
  public int streamFloor() throws Exception {
    return floor.stream(Contender.PROMPT_TEXT);
  }

  @Benchmark
  public int streamTunedFloor() throws Exception {
    return tunedFloor.stream(Contender.PROMPT_TEXT);
  }

  @Benchmark
  public int streamLlmcall() {
    return llmcall.stream(Contender.PROMPT_TEXT);
  }
}
