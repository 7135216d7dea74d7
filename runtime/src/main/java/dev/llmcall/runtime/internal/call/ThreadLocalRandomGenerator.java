package dev.llmcall.runtime.internal.call;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The default randomness for backoff jitter and client request ids: each draw uses the calling
 * thread's {@link ThreadLocalRandom}, so one runtime is safely shared by every thread, with no
 * contention. ({@code RandomGenerator.getDefault()} is one unsynchronized generator, and finding it
 * loads the random-generator service registry at start-up.) Internal: not part of the API.
 */
public enum ThreadLocalRandomGenerator implements RandomGenerator {
  INSTANCE;

  @Override
  public long nextLong() {
    return ThreadLocalRandom.current().nextLong();
  }

  @Override
  public double nextDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }

  @Override
  public double nextDouble(double bound) {
    return ThreadLocalRandom.current().nextDouble(bound);
  }

  @Override
  public double nextDouble(double origin, double bound) {
    return ThreadLocalRandom.current().nextDouble(origin, bound);
  }
}
