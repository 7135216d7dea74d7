package dev.llmcall.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.StreamUtils;

/**
 * Reads the entries llmcall's processor writes, one resource per client under
 * {@code META-INF/llmcall/clients/}, each holding {@code interface=generatedClass} in binary
 * names. Only that folder is listed, in every class path root; no class is looked at except the
 * ones an entry names.
 *
 * <p>The folder is listed, rather than a fixed file read with {@code getResources}, because the
 * processor writes one file per client so that it stays isolating for incremental builds (#14).
 * Listing a folder inside a jar needs the jar's directory entries, which Maven, Gradle and Spring
 * Boot's repackaged jars all write.
 */
final class ClientIndex {
  /** Where the processor writes entries, as a Spring resource pattern over all class path roots. */
  static final String PATTERN = "classpath*:META-INF/llmcall/clients/*";

  private static final Log log = LogFactory.getLog(ClientIndex.class);

  private ClientIndex() {}

  /** Every entry found, sorted by interface; an interface listed twice keeps its first entry. */
  static List<Entry> read(ResourcePatternResolver resolver) {
    Map<String, Entry> entries = new TreeMap<>();
    try {
      for (Resource resource : resolver.getResources(PATTERN)) {
        if (!resource.isReadable()) {
          continue;   // a folder entry
        }
        for (Entry entry : parse(resource)) {
          Entry first = entries.putIfAbsent(entry.iface(), entry);
          if (first != null && !first.equals(entry)) {
            log.warn("llmcall: " + entry.iface() + " is implemented by " + first.impl() + " and, in "
                + resource + ", by " + entry.impl() + "; using " + first.impl());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + PATTERN, e);
    }
    return List.copyOf(entries.values());
  }

  private static List<Entry> parse(Resource resource) throws IOException {
    String text;
    try (var in = resource.getInputStream()) {
      text = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || eq == line.length() - 1) {
        log.warn("llmcall: ignoring '" + line + "' in " + resource
            + ": an entry is interface=generatedClass");
        continue;
      }
      entries.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
    }
    return entries;
  }

  /**
   * One generated client.
   *
   * @param iface the interface's binary name, such as {@code com.example.Outer$Assistant}
   * @param impl the generated class's binary name, such as {@code com.example.LlmOuter_Assistant}
   */
  record Entry(String iface, String impl) {
    Entry {
      Objects.requireNonNull(iface, "iface == null");
      Objects.requireNonNull(impl, "impl == null");
    }
  }
}
