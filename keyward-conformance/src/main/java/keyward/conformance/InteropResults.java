package keyward.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docs/conformance/interop.tsv}: the outcome of each interoperability check against an
 * independent implementation (PyKMIP's client against Keyward), per KMIP version, as the interop
 * test recorded it.
 */
public final class InteropResults {
  public static final String HEADER = "peer\tversion\tcheck\tstatus\tdetail";

  /**
   * One check.
   *
   * @param peer e.g. "PyKMIP 0.10 client -> Keyward"
   * @param status "pass" or "fail"
   */
  public record Row(String peer, String version, String check, String status, String detail) {
    public Row {
      detail = detail == null ? "" : detail.replaceAll("[\\t\\r\\n]+", " ");
    }

    String key() {
      return peer + "\t" + version + "\t" + check;
    }
  }

  private InteropResults() {}

  public static Map<String, Row> read(Path tsv) throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>(); // the checks in the order they ran
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
      Row r = new Row(f[0], f[1], f[2], f[3], f[4]);
      rows.put(r.key(), r);
    }
    return rows;
  }

  /** Replaces the rows of the peers and versions given, keeps the others. */
  public static void merge(Path tsv, List<Row> fresh) throws IOException {
    Map<String, Row> rows = read(tsv);
    rows.values().removeIf(old -> fresh.stream().anyMatch(n -> n.peer().equals(old.peer()) && n.version().equals(old.version())));
    fresh.forEach(r -> rows.put(r.key(), r));
    List<Row> sorted = new ArrayList<>(rows.values());
    sorted.sort(Comparator.comparing(Row::peer).thenComparing(Row::version));
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Row r : sorted) {
      sb.append(r.peer()).append('\t').append(r.version()).append('\t').append(r.check()).append('\t')
          .append(r.status()).append('\t').append(r.detail()).append('\n');
    }
    Files.createDirectories(tsv.getParent());
    Files.writeString(tsv, sb.toString(), StandardCharsets.UTF_8);
  }
}
