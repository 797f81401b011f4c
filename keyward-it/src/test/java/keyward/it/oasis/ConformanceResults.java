package keyward.it.oasis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The recorded conformance state, {@code docs/conformance/results.tsv}: one row per test-case
 * file (path under kmip-testcases, version, profile, pass/fail, first mismatch), and the summary
 * {@code docs/conformance.md} rendered from the same rows.
 */
public final class ConformanceResults {
  public static final String HEADER = "file\tversion\tprofile\tstatus\tfirst_mismatch";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:Z|[+-]\\d{2}:\\d{2})");

  /** One file's outcome. */
  public record Row(String file, String version, String profile, boolean pass, String mismatch) {
    public Row {
      mismatch = pass ? "" : mismatch.replaceAll("[\\t\\r\\n]+", " ");
    }
  }

  private ConformanceResults() {}

  /** The rows of the file, by file; empty when it does not exist yet. */
  public static Map<String, Row> read(Path tsv) throws IOException {
    Map<String, Row> rows = new TreeMap<>();
    if (!Files.exists(tsv)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.equals(HEADER)) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5 || !(f[3].equals("pass") || f[3].equals("fail"))) {
        throw new IOException(tsv + " line " + (i + 1) + ": expected 5 tab-separated fields with status pass|fail");
      }
      rows.put(f[0], new Row(f[0], f[1], f[2], f[3].equals("pass"), f[4]));
    }
    return rows;
  }

  /**
   * A mismatch as recorded: server-assigned UUIDs and the server's DateTimes (in the actual part)
   * replaced by stand-ins, so the file changes only when the outcome does.
   */
  public static String stable(ReplayResult r) {
    if (r.passed()) {
      return "";
    }
    String s;
    if (r.mismatch() != null) {
      Mismatch m = r.mismatch();
      String actual = DATE_TIME.matcher(m.actual()).replaceAll("<datetime>");
      s = new Mismatch(m.step(), m.path(), m.expected(), actual).oneLine();
    } else {
      s = r.summary();
    }
    return UUID.matcher(s).replaceAll("<uuid>");
  }

  public static void write(Path tsv, Collection<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Row r : sorted(rows)) {
      sb.append(r.file()).append('\t').append(r.version()).append('\t').append(r.profile()).append('\t')
          .append(r.pass() ? "pass" : "fail").append('\t').append(r.mismatch()).append('\n');
    }
    Files.createDirectories(tsv.getParent());
    Files.writeString(tsv, sb.toString(), StandardCharsets.UTF_8);
  }

  private static List<Row> sorted(Collection<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::version).thenComparing(Row::profile)
        .thenComparing(r -> naturalKey(r.file())));
    return out;
  }

  /** "SKFF-M-10-14" after "SKFF-M-9-14": numbers compared as numbers. */
  private static String naturalKey(String file) {
    return Pattern.compile("\\d+").matcher(file).replaceAll(m -> String.format("%06d", Long.parseLong(m.group())));
  }

  /** docs/conformance.md: counts per profile and version, then every file. */
  public static String markdown(Collection<Row> rows) {
    List<Row> all = sorted(rows);
    List<String> versions = all.stream().map(Row::version).distinct().sorted().toList();
    List<String> profiles = all.stream().map(Row::profile).distinct().sorted().toList();
    StringBuilder sb = new StringBuilder();
    sb.append("# OASIS conformance\n\n")
        .append("Generated from `docs/conformance/results.tsv` by `OasisConformanceTest` (module keyward-it);\n")
        .append("do not edit by hand. How to regenerate: `docs/conformance/README.md`.\n\n")
        .append("Each OASIS KMIP profile test-case file is replayed against a fresh server over mutual TLS\n")
        .append("(TTLV, the file's own protocol version; the MSGENC files over HTTPS, MSGENC-HTTPS in TTLV,\n")
        .append("MSGENC-JSON in JSON, MSGENC-XML in XML) and its responses compared with the file's, allowing\n")
        .append("only the profiles' permitted variations. Passed files / files:\n\n");
    sb.append("| profile |");
    versions.forEach(v -> sb.append(' ').append(v).append(" |"));
    sb.append(" all |\n|---|");
    versions.forEach(v -> sb.append("---|"));
    sb.append("---|\n");
    for (String p : profiles) {
      sb.append("| ").append(p).append(" |");
      for (String v : versions) {
        sb.append(' ').append(count(all, p, v)).append(" |");
      }
      sb.append(' ').append(count(all, p, null)).append(" |\n");
    }
    sb.append("| all |");
    for (String v : versions) {
      sb.append(' ').append(count(all, null, v)).append(" |");
    }
    sb.append(' ').append(count(all, null, null)).append(" |\n\n");
    sb.append("## Files\n\n| file | status | first mismatch |\n|---|---|---|\n");
    for (Row r : all) {
      sb.append("| ").append(r.file()).append(" | ").append(r.pass() ? "pass" : "**fail**").append(" | ")
          .append(r.mismatch().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")).append(" |\n");
    }
    return sb.toString();
  }

  private static String count(List<Row> rows, String profile, String version) {
    long total = rows.stream().filter(r -> (profile == null || r.profile().equals(profile))
        && (version == null || r.version().equals(version))).count();
    if (total == 0) {
      return "–";
    }
    long pass = rows.stream().filter(r -> r.pass() && (profile == null || r.profile().equals(profile))
        && (version == null || r.version().equals(version))).count();
    return pass + "/" + total;
  }
}
