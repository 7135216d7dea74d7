package dev.llmcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcall.bench.e2e.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json}) into a markdown table: per benchmark, its score and
 * error, and the bytes allocated per operation when it ran with {@code -prof gc}.
 *
 * <pre>JmhReport JMH_JSON HEADER_TEXT OUT_MD [MARKDOWN_TO_UPDATE...]</pre>
 *
 * The table goes to OUT_MD and replaces the section between {@code <!-- jmh:begin -->} and
 * {@code <!-- jmh:end -->} of each MARKDOWN_TO_UPDATE.
 */
public final class JmhReport {
  static final String BEGIN = "<!-- jmh:begin -->";
  static final String END = "<!-- jmh:end -->";

  private JmhReport() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    StringBuilder md = new StringBuilder(args[1]).append("\n\n")
        .append("| benchmark | score | ± (99.9%) | unit | allocated B/op |\n")
        .append("| --- | ---: | ---: | --- | ---: |\n");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText().replaceFirst("^dev\\.llmcall\\.bench\\.", "");
      StringBuilder params = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        params.append(params.length() == 0 ? " (" : ", ").append(p.getKey()).append('=')
            .append(p.getValue().asText());
      }
      if (params.length() > 0) {
        params.append(')');
      }
      JsonNode primary = r.path("primaryMetric");
      JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      md.append(String.format(Locale.ROOT, "| `%s`%s | %,.1f | %,.1f | %s | %s |\n", name, params,
          primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
          primary.path("scoreUnit").asText(),
          alloc.isMissingNode() ? "–" : String.format(Locale.ROOT, "%,.0f", alloc.path("score").asDouble())));
    }
    String table = md.toString();
    Files.writeString(Path.of(args[2]), table, StandardCharsets.UTF_8);
    System.out.print(table);
    for (int i = 3; i < args.length; i++) {
      Report.replaceSection(Path.of(args[i]), BEGIN, END, table);
    }
  }
}
