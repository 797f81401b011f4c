package keyward.conformance;

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
  public static final String HEADER = "file\tversion\tprofile\tstatus\tfirst_mismatch\tserver_settings";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:Z|[+-]\\d{2}:\\d{2})");

  /** A file's outcome: passes; fails where the server has what the file uses; or uses what it lacks. */
  public enum Status {
    PASS("pass"), FAIL("fail"), NOT_SUPPORTED("not-supported");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    static Status of(String text) {
      for (Status s : values()) {
        if (s.text.equals(text)) {
          return s;
        }
      }
      return null;
    }

    public static Status of(ReplayResult r) {
      return r.passed() ? PASS : r.notSupported() != null ? NOT_SUPPORTED : FAIL;
    }
  }

  /**
   * One file's outcome.
   *
   * @param mismatch for fail, the first mismatch; for not-supported, what is missing and at which step
   * @param settings server settings other than the defaults the file ran with ("rng=..."), or ""
   */
  public record Row(String file, String version, String profile, Status status, String mismatch, String settings) {
    public Row {
      mismatch = status == Status.PASS ? "" : mismatch.replaceAll("[\\t\\r\\n]+", " ");
      settings = settings == null ? "" : settings.replaceAll("[\\t\\r\\n]+", " ");
    }

    public Row(String file, String version, String profile, Status status, String mismatch) {
      this(file, version, profile, status, mismatch, "");
    }

    public boolean pass() {
      return status == Status.PASS;
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
      if (line.isBlank() || line.startsWith("file\tversion\t")) { // the header (older files: without server_settings)
        continue;
      }
      String[] f = line.split("\t", -1);
      Status status = f.length == 5 || f.length == 6 ? Status.of(f[3]) : null;
      if (status == null) {
        throw new IOException(tsv + " line " + (i + 1)
            + ": expected 6 tab-separated fields with status pass|fail|not-supported");
      }
      rows.put(f[0], new Row(f[0], f[1], f[2], status, f[4], f.length == 6 ? f[5] : ""));
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
    if (r.notSupported() != null) {
      int step = r.mismatch() != null ? r.mismatch().step() : r.stepsPassed();
      return UUID.matcher(r.notSupported() + " (step " + step + ")").replaceAll("<uuid>");
    }
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
          .append(r.status().text()).append('\t').append(r.mismatch()).append('\t').append(r.settings()).append('\n');
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

  /** docs/conformance.md: counts per profile and version, what is missing, then every file. */
  public static String markdown(Collection<Row> rows) {
    List<Row> all = sorted(rows);
    StringBuilder sb = new StringBuilder();
    sb.append("# OASIS conformance\n\n")
        .append("Generated from `docs/conformance/results.tsv` by `OasisConformanceTest` (module keyward-it);\n")
        .append("do not edit by hand. How to regenerate: `docs/conformance/README.md`.\n\n")
        .append("Each OASIS KMIP profile test-case file (and each KMIP 1.0-1.2 Test Cases file, profile TC) is replayed\n")
        .append("against a fresh server over mutual TLS\n")
        .append("(TTLV, the file's own protocol version; the MSGENC files over HTTPS, MSGENC-HTTPS in TTLV,\n")
        .append("MSGENC-JSON in JSON, MSGENC-XML in XML) and its responses compared with the file's, allowing\n")
        .append("only the profiles' permitted variations. A file is *not supported* when the step where it\n")
        .append("first differs uses an operation or feature the server lacks (see the backlog below); any other\n")
        .append("difference is a *fail*. Cells: passed files / files, then (not supported, failed) when not zero.\n\n");
    sb.append(summary(all)).append('\n');
    Map<String, List<Row>> missing = new TreeMap<>();
    for (Row r : all) {
      if (r.status() == Status.NOT_SUPPORTED) {
        missing.computeIfAbsent(r.mismatch().replaceFirst(" \\((in precondition \\S+, )?step \\d+\\)$", ""), k -> new ArrayList<>()).add(r);
      }
    }
    if (!missing.isEmpty()) {
      sb.append("## Not supported yet (the backlog)\n\n| missing | files |\n|---|---|\n");
      missing.entrySet().stream()
          .sorted(Comparator.comparing((Map.Entry<String, List<Row>> e) -> -e.getValue().size())
              .thenComparing(Map.Entry::getKey))
          .forEach(e -> sb.append("| ").append(cell(e.getKey())).append(" | ").append(e.getValue().size())
              .append(": ").append(String.join(", ", e.getValue().stream().map(r -> shortName(r.file())).toList()))
              .append(" |\n"));
      sb.append('\n');
    }
    sb.append("## Files\n\n| file | status | first mismatch, or what is missing |\n|---|---|---|\n");
    for (Row r : all) {
      String status = switch (r.status()) {
        case PASS -> "pass";
        case FAIL -> "**fail**";
        case NOT_SUPPORTED -> "not supported";
      } + (r.settings().isEmpty() ? "" : " with " + r.settings());
      sb.append("| ").append(r.file()).append(" | ").append(status).append(" | ").append(cell(r.mismatch())).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * The counts per profile and version, as a table: passed / files, then (not supported, failed)
   * when not all passed.
   */
  public static String summary(Collection<Row> rows) {
    List<Row> all = sorted(rows);
    List<String> versions = all.stream().map(Row::version).distinct().sorted().toList();
    List<String> profiles = all.stream().map(Row::profile).distinct().sorted().toList();
    StringBuilder sb = new StringBuilder();
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
    sb.append(' ').append(count(all, null, null)).append(" |\n");
    return sb.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** "2.1/profiles/mandatory/BL-M-1-21.xml" -> "BL-M-1-21". */
  private static String shortName(String file) {
    return file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.xml$", "");
  }

  private static String count(List<Row> rows, String profile, String version) {
    List<Row> cell = rows.stream().filter(r -> (profile == null || r.profile().equals(profile))
        && (version == null || r.version().equals(version))).toList();
    if (cell.isEmpty()) {
      return "–";
    }
    long pass = cell.stream().filter(Row::pass).count();
    long notSupported = cell.stream().filter(r -> r.status() == Status.NOT_SUPPORTED).count();
    long fail = cell.size() - pass - notSupported;
    return pass + "/" + cell.size() + (pass == cell.size() ? "" : " (" + notSupported + ", " + fail + ")");
  }
}
