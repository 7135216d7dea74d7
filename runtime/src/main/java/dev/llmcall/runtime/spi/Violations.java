package dev.llmcall.runtime.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a model's structured answer, each problem with the JSON path it is at, such
 * as {@code $.age: expected an integer, got "forty"}. Collected by generated decoders, sent back
 * to the model when the call repairs, and put on the final {@code LlmException}.
 *
 * <p>Called by generated code. Not for direct use.
 */
public final class Violations {
  /** More than this many are not worth sending back. */
  static final int MAX = 50;

  private final List<String> problems = new ArrayList<>();
  private int dropped;

  /** Reports one problem at {@code path}. */
  public void add(String path, String problem) {
    if (problems.size() < MAX) {
      problems.add(path + ": " + problem);
    } else {
      dropped++;
    }
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Every problem, in the order found, with a last line counting any left out. */
  public List<String> list() {
    if (dropped == 0) {
      return List.copyOf(problems);
    }
    List<String> all = new ArrayList<>(problems);
    all.add("(and " + dropped + " more)");
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return String.join("; ", list());
  }
}
