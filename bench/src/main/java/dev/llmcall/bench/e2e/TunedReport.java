package dev.llmcall.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The part of {@link Report}'s table about issue #11: llmcall against the tuned floor (its
 * targets), async calls against sync ones with 64 callers, and many streams at once.
 */
final class TunedReport {
  static final String TUNED = "tuned-floor";

  private TunedReport() {}

  static String section(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    if (Report.values(data, TUNED, "paired_call_p50_us").length == 0) {
      return "";
    }
    return targets(data) + asyncTable(data) + streamsTable(data);
  }

  private static String targets(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    StringBuilder t = new StringBuilder("\nllmcall against the tuned floor (issue #11; medians over "
        + "rounds of per-round comparisons, paired ones in one JVM; in brackets the range over "
        + "rounds):\n\n| target | measured | met |\n| --- | --- | :---: |\n");
    ratioTarget(t, data, "paired_call_p50_us", "p50 of one call, paired, ≤ 1.05x tuned floor", 1.05);
    ratioTarget(t, data, "paired_stream_p50_us",
        "p50 of one 50-chunk stream, paired, ≤ 1.10x tuned floor", 1.10);
    double[] alloc = paired(data, "llmcall", TUNED, "alloc_bytes_per_call", false);
    double a = Report.median(alloc);
    t.append(String.format(Locale.ROOT,
        "| allocation per call ≤ tuned floor + 1 KB (separate JVMs) | %+,.0f B (%s) | %s |\n", a,
        range(alloc, "%+,.0f"), a <= 1000 ? "yes" : "no"));
    double[] allocStream = paired(data, "llmcall", TUNED, "alloc_bytes_per_stream", false);
    t.append(String.format(Locale.ROOT,
        "| (allocation per stream over the tuned floor, no target) | %+,.0f B (%s) | – |\n",
        Report.median(allocStream), range(allocStream, "%+,.0f")));
    ratioTarget(t, data, "first_call_ms", "JVM start to first call ≤ 1.3x tuned floor", 1.3);
    t.append(String.format(Locale.ROOT,
        "| (classes loaded to the first call: llmcall, tuned floor, floor) | %,.0f, %,.0f, %,.0f | – |\n",
        Report.median(Report.values(data, "llmcall", "classes_loaded")),
        Report.median(Report.values(data, TUNED, "classes_loaded")),
        Report.median(Report.values(data, Report.FLOOR, "classes_loaded"))));
    return t.toString();
  }

  private static void ratioTarget(StringBuilder t,
      Map<Integer, Map<String, Map<String, List<Double>>>> data, String metric, String title,
      double max) {
    double[] r = paired(data, "llmcall", TUNED, metric, true);
    double m = Report.median(r);
    t.append(String.format(Locale.ROOT, "| %s | %.2fx (%s) | %s |\n", title, m, range(r, "%.2fx"),
        m <= max ? "yes" : "no"));
  }

  private static String asyncTable(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    StringBuilder t = new StringBuilder("\n64 callers in one JVM (`E2eMain llmcall async`): 64 "
        + "threads calling the blocking method, against 64 calls kept in flight with futures and no "
        + "caller threads (llmcall: the generated `...Async` method, `BoundCall.textAsync`; tuned "
        + "floor: `sendAsync`). `llmcall-pool16`: a prototype, the blocking call sent on a bounded "
        + "pool of 16 threads, its future returned. `@cp2`: the JVM ran with "
        + "`-Djava.util.concurrent.ForkJoinPool.common.parallelism=2`. Medians over rounds (two "
        + "turns per round, in opposite orders); CPU is the whole process's.\n\n"
        + "| contender | calls/s, 64 threads | calls/s, 64 futures | futures / threads "
        + "| threads started per async call | CPU µs per call, threads | CPU µs per call, futures "
        + "| peak threads, futures |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String c : names(data, "async64_calls_per_s")) {
      String syncOf = c.startsWith("llmcall-pool16") ? c.replace("llmcall-pool16", "llmcall") : c;
      double sync = Report.median(Report.values(data, syncOf, "sync64_calls_per_s"));
      double async = Report.median(Report.values(data, c, "async64_calls_per_s"));
      t.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2fx | %.2f | %s | %,.0f | %,.0f |\n",
          c, syncOf.equals(c) ? String.format(Locale.ROOT, "%,.0f", sync) : "(" + syncOf + ")",
          async, async / sync,
          Report.median(Report.values(data, c, "async64_threads_started_per_call")),
          syncOf.equals(c) ? String.format(Locale.ROOT, "%,.0f",
              Report.median(Report.values(data, c, "sync64_cpu_us_per_call"))) : "–",
          Report.median(Report.values(data, c, "async64_cpu_us_per_call")),
          max(data, c, "async64_peak_threads")));
    }
    return t.toString();
  }

  private static String streamsTable(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    StringBuilder t = new StringBuilder("\nStreams opened at once in one JVM (`E2eMain llmcall "
        + "streams N`), on the push side with no thread per stream (llmcall: the generated "
        + "`Flow.Publisher` method; tuned floor: `sendAsync` with a body subscriber), two bursts per "
        + "round; completed: the fewest in any burst; time: the median burst; threads: the most in "
        + "any burst (live threads before the burst, peak live threads during it, threads started "
        + "during it).\n\n| contender | streams per burst | completed | failed | burst ms "
        + "| threads before | peak threads | threads started |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String c : names(data, "streams_completed")) {
      double completed = min(data, c, "streams_completed");
      double failed = max(data, c, "streams_failed");
      t.append(String.format(Locale.ROOT,
          "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |\n", c,
          max(data, c, "streams_completed") + failed, completed, failed,
          Report.median(Report.values(data, c, "streams_ms")),
          max(data, c, "streams_threads_before"), max(data, c, "streams_peak_threads"),
          max(data, c, "streams_threads_started")));
    }
    return t.toString();
  }

  /** Contenders with a value of {@code metric}, in name order. */
  private static List<String> names(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String metric) {
    TreeSet<String> names = new TreeSet<>();
    for (Map<String, Map<String, List<Double>>> round : data.values()) {
      round.forEach((c, metrics) -> {
        if (metrics.containsKey(metric)) {
          names.add(c);
        }
      });
    }
    return new ArrayList<>(names);
  }

  private static double max(Map<Integer, Map<String, Map<String, List<Double>>>> data, String c,
      String metric) {
    return all(data, c, metric).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static double min(Map<Integer, Map<String, Map<String, List<Double>>>> data, String c,
      String metric) {
    return all(data, c, metric).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static List<Double> all(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String c, String metric) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Map<String, List<Double>>> round : data.values()) {
      out.addAll(round.getOrDefault(c, Map.of()).getOrDefault(metric, List.of()));
    }
    return out;
  }

  private static String range(double[] v, String format) {
    if (v.length == 0) {
      return "–";
    }
    double lo = v[0];
    double hi = v[0];
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return String.format(Locale.ROOT, format, lo) + " to " + String.format(Locale.ROOT, format, hi);
  }

  /** Per round: {@code contender}'s median against {@code baseline}'s, as a ratio or a difference. */
  static double[] paired(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String contender, String baseline, String metric, boolean ratio) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Map<String, List<Double>>> round : data.values()) {
      List<Double> v = round.getOrDefault(contender, Map.of()).get(metric);
      List<Double> f = round.getOrDefault(baseline, Map.of()).get(metric);
      if (v != null && f != null) {
        double a = Report.median(v.stream().mapToDouble(Double::doubleValue).toArray());
        double b = Report.median(f.stream().mapToDouble(Double::doubleValue).toArray());
        out.add(ratio ? a / b : a - b);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
