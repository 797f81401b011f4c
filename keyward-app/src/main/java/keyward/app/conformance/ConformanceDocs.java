package keyward.app.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.conformance.ConformanceResults;
import keyward.conformance.InteropResults;

/**
 * The generated conformance documents of a checkout: docs/conformance.md and
 * docs/conformance-statement.md, both rendered from docs/conformance/results.tsv and
 * docs/conformance/interop.tsv (and the server's tables).
 */
public final class ConformanceDocs {
  public static final String RESULTS = "docs/conformance/results.tsv";
  public static final String INTEROP = "docs/conformance/interop.tsv";
  public static final String TABLE = "docs/conformance.md";
  public static final String STATEMENT = "docs/conformance-statement.md";

  private ConformanceDocs() {}

  /** The generated documents by path under the checkout root, as they should read now. */
  public static Map<String, String> render(Path root) throws IOException {
    var results = ConformanceResults.read(root.resolve(RESULTS)).values();
    var interop = InteropResults.read(root.resolve(INTEROP)).values();
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put(TABLE, ConformanceResults.markdown(results));
    docs.put(STATEMENT, ConformanceStatement.render(results, interop));
    return docs;
  }

  /** Rewrites both documents from the recorded results. */
  public static void write(Path root) throws IOException {
    for (var e : render(root).entrySet()) {
      Files.writeString(root.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The documents whose committed text is not what the recorded results give (empty: current). */
  public static List<String> stale(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (var e : render(root).entrySet()) {
      Path p = root.resolve(e.getKey());
      if (!Files.exists(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
