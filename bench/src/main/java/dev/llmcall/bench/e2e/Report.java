package dev.llmcall.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns bench/run-e2e's raw results ({@code round <tab> contender <tab> metric <tab> value} lines)
 * into a markdown table: per contender and figure, the median over rounds and the median over
 * rounds of the ratio to the floor measured in the same round.
 *
 * <pre>Report RAW_TSV HEADER_MD OUT_MD [MARKDOWN_TO_UPDATE...]</pre>
 *
 * The table (after HEADER_MD's text) goes to OUT_MD and replaces the section between
 * {@code <!-- e2e:begin -->} and {@code <!-- e2e:end -->} of each MARKDOWN_TO_UPDATE (appended if
 * absent): bench/RESULTS.md and the README.
 */
public final class Report {
  static final String BEGIN = "<!-- e2e:begin -->";
  static final String END = "<!-- e2e:end -->";
  static final String FLOOR = "floor";

  record Column(String metric, String title, String format, boolean higherIsBetter) {}

  static final List<Column> COLUMNS = List.of(
      new Column("seq_calls_per_s", "calls/s, 1 caller", "%,.0f", true),
      new Column("conc16_calls_per_s", "calls/s, 16 callers", "%,.0f", true),
      new Column("p50_us", "p50 µs", "%,.0f", false),
      new Column("p99_us", "p99 µs", "%,.0f", false),
      new Column("stream_calls_per_s", "50-chunk streams/s", "%,.0f", true),
      new Column("alloc_bytes_per_call", "KB allocated / call", "%,.1f", false),
      new Column("alloc_bytes_per_stream", "KB allocated / stream", "%,.1f", false),
      new Column("first_call_ms", "JVM start to first call, ms", "%,.0f", false),
      new Column("classes_loaded", "classes loaded to first call", "%,.0f", false),
      new Column("deps_mib", "run-time jars, MiB", "%,.2f", false));

  private Report() {}

  public static void main(String[] args) throws IOException {
    // round -> contender -> metric -> value
    Map<Integer, Map<String, Map<String, List<Double>>>> data = new TreeMap<>();
    List<String> contenders = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split("\t");
      if (f.length != 4) {
        continue;
      }
      int round = Integer.parseInt(f[0]);
      if (!contenders.contains(f[1])) {
        contenders.add(f[1]);
      }
      data.computeIfAbsent(round, r -> new LinkedHashMap<>())
          .computeIfAbsent(f[1], c -> new LinkedHashMap<>())
          .computeIfAbsent(f[2], m -> new ArrayList<>())
          .add(Double.parseDouble(f[3]));
    }
    contenders.remove(FLOOR);
    contenders.add(0, FLOOR);
    // The main table: contenders measured on their own (not the async and streams variants).
    contenders.removeIf(c -> COLUMNS.stream().noneMatch(col -> values(data, c, col.metric()).length > 0));

    StringBuilder md = new StringBuilder(Files.readString(Path.of(args[1])));
    md.append("\nEach cell: the median over rounds, then in brackets the median over rounds of the "
        + "ratio to the floor in the same round (for throughput, higher is better; for the rest, "
        + "lower is better). KB = 1,000 bytes.\n\n| contender |");
    for (Column c : COLUMNS) {
      md.append(' ').append(c.title()).append(" |");
    }
    md.append("\n| --- |");
    md.append(" ---: |".repeat(COLUMNS.size()));
    md.append('\n');
    for (String contender : contenders) {
      md.append("| ").append(contender).append(" |");
      for (Column c : COLUMNS) {
        double[] values = values(data, contender, c.metric());
        double[] ratios = ratios(data, contender, c.metric());
        if (values.length == 0) {
          md.append(" – |");
          continue;
        }
        double scale = c.metric().startsWith("alloc") ? 1e-3 : 1;
        md.append(' ').append(String.format(Locale.ROOT, c.format(), median(values) * scale));
        if (!contender.equals(FLOOR) && ratios.length > 0) {
          md.append(String.format(Locale.ROOT, " (%.2fx)", median(ratios)));
        }
        md.append(" |");
      }
      md.append('\n');
    }
    md.append(pairedTable(data));
    md.append(targets(data));
    md.append(TunedReport.section(data));
    String table = md.toString();
    Files.writeString(Path.of(args[2]), table, StandardCharsets.UTF_8);
    System.out.print(table);
    for (int i = 3; i < args.length; i++) {
      replaceSection(Path.of(args[i]), BEGIN, END, table);
    }
  }

  /** Replaces what lies between {@code begin} and {@code end} in a file (appended if absent). */
  public static void replaceSection(Path file, String begin, String end, String content)
      throws IOException {
    String old = Files.readString(file);
    String section = begin + "\n" + content + end + "\n";
    int b = old.indexOf(begin);
    int e = old.indexOf(end);
    String updated = b >= 0 && e > b
        ? old.substring(0, b) + section + old.substring(e + end.length()).replaceFirst("^\n", "")
        : old + (old.endsWith("\n") ? "\n" : "\n\n") + section;
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }

  /**
   * Both floors and llmcall timed in turns inside one JVM (E2eMain's paired mode), if measured;
   * ratios are taken round by round, then the median.
   */
  static String pairedTable(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    StringBuilder t = new StringBuilder();
    for (String[] m : new String[][] {{"paired_call_p50_us", "call"}, {"paired_stream_p50_us", "50-chunk stream"}}) {
      double[] floor = values(data, FLOOR, m[0]);
      if (floor.length == 0) {
        continue;
      }
      if (t.length() == 0) {
        t.append("\nPaired in one JVM: the tuned floor, the floor and llmcall timed in alternating "
            + "blocks (100 calls, 20 streams; order reversed every turn) for 2 x PHASE_SECONDS "
            + "each, once per round; medians over rounds.\n\n"
            + "| p50 of one | tuned floor µs | floor µs | llmcall µs | llmcall − floor µs "
            + "| llmcall / floor | llmcall / tuned floor |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      }
      t.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %+,.0f | %.2fx | %.2fx |\n",
          m[1], median(values(data, TunedReport.TUNED, m[0])), median(floor),
          median(values(data, "llmcall", m[0])), median(diffs(data, "llmcall", m[0])),
          median(ratios(data, "llmcall", m[0])),
          median(TunedReport.paired(data, "llmcall", TunedReport.TUNED, m[0], true))));
    }
    return t.toString();
  }

  /** llmcall against the targets, each computed round by round and then the median. */
  static String targets(Map<Integer, Map<String, Map<String, List<Double>>>> data) {
    StringBuilder t = new StringBuilder("\nllmcall against the targets (medians over rounds of "
        + "per-round comparisons with the floor):\n\n| target | measured | met |\n| --- | --- | :---: |\n");
    for (String m : List.of("seq_calls_per_s", "conc16_calls_per_s", "stream_calls_per_s")) {
      double r = median(ratios(data, "llmcall", m));
      double min = m.startsWith("stream") ? 1.0 : 0.97;
      t.append(String.format(Locale.ROOT, "| %s ≥ %.2fx floor | %.2fx | %s |\n", m, min, r,
          r >= min ? "yes" : "no"));
    }
    double p50 = median(diffs(data, "llmcall", "p50_us"));
    t.append(String.format(Locale.ROOT, "| p50 overhead < 10 µs, separate JVMs | %+.0f µs | %s |\n",
        p50, p50 < 10 ? "yes" : "no"));
    double pairedP50 = median(diffs(data, "llmcall", "paired_call_p50_us"));
    if (!Double.isNaN(pairedP50)) {
      t.append(String.format(Locale.ROOT, "| p50 overhead < 10 µs, paired in one JVM | %+.0f µs | %s |\n",
          pairedP50, pairedP50 < 10 ? "yes" : "no"));
    }
    double pairedStream = median(ratios(data, "llmcall", "paired_stream_p50_us"));
    if (!Double.isNaN(pairedStream)) {
      t.append(String.format(Locale.ROOT,
          "| stream time ≤ floor's, paired in one JVM (p50 of one stream) | %.2fx | %s |\n",
          pairedStream, pairedStream <= 1.0 ? "yes" : "no"));
    }
    double alloc = median(diffs(data, "llmcall", "alloc_bytes_per_call"));
    t.append(String.format(Locale.ROOT, "| allocation ≤ floor + 2 KB per call | %+,.0f B | %s |\n",
        alloc, alloc <= 2048 ? "yes" : "no"));
    double allocStream = median(diffs(data, "llmcall", "alloc_bytes_per_stream"));
    t.append(String.format(Locale.ROOT, "| allocation per stream ≤ floor | %+,.0f B | %s |\n",
        allocStream, allocStream <= 0 ? "yes" : "no"));
    double first = median(ratios(data, "llmcall", "first_call_ms"));
    double firstMs = median(values(data, "llmcall", "first_call_ms"));
    double sdkMin = Math.min(median(values(data, "openai-java", "first_call_ms")),
        median(values(data, "langchain4j", "first_call_ms")));
    t.append(String.format(Locale.ROOT, "| JVM start to first call ≤ 1.2x floor | %.2fx | %s |\n",
        first, first <= 1.2 ? "yes" : "no"));
    t.append(String.format(Locale.ROOT,
        "| JVM start to first call below both SDKs | %.0f ms vs %.0f ms | %s |\n", firstMs, sdkMin,
        firstMs < sdkMin ? "yes" : "no"));
    return t.toString();
  }

  static double[] values(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String contender, String metric) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Map<String, List<Double>>> round : data.values()) {
      List<Double> v = round.getOrDefault(contender, Map.of()).get(metric);
      if (v != null) {
        out.add(median(v.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double[] ratios(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String contender, String metric) {
    return paired(data, contender, metric, true);
  }

  static double[] diffs(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String contender, String metric) {
    return paired(data, contender, metric, false);
  }

  private static double[] paired(Map<Integer, Map<String, Map<String, List<Double>>>> data,
      String contender, String metric, boolean ratio) {
    return TunedReport.paired(data, contender, FLOOR, metric, ratio);
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
