package keyward.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Human tables or JSON: every command prints rows of named columns through here. */
final class Output {
  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Rows of the same columns: an aligned table, or a JSON array of objects. */
  void table(List<String> columns, List<List<String>> rows) {
    if (json) {
      List<String> objects = new ArrayList<>();
      for (List<String> r : rows) {
        objects.add(object(columns, r));
      }
      out.println("[" + String.join(",", objects) + "]");
    } else {
      int[] w = new int[columns.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = columns.get(i).length();
        for (List<String> r : rows) {
          w[i] = Math.max(w[i], r.get(i).length());
        }
      }
      printRow(columns, w);
      List<String> rule = new ArrayList<>();
      for (int x : w) {
        rule.add("-".repeat(x));
      }
      printRow(rule, w);
      for (List<String> r : rows) {
        printRow(r, w);
      }
    }
    out.flush();
  }

  /** One record: "Key  Value" lines, or one JSON object. */
  void record(Map<String, String> fields) {
    if (json) {
      out.println(object(new ArrayList<>(fields.keySet()), new ArrayList<>(fields.values())));
    } else {
      int w = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
      fields.forEach((k, v) -> out.println(k + " ".repeat(w - k.length()) + "  " + v));
    }
    out.flush();
  }

  /** A confirmation: a sentence for people, {"result": ...} for scripts. */
  void done(String message, Map<String, String> fields) {
    if (json) {
      record(fields);
    } else {
      out.println(message);
      out.flush();
    }
  }

  private void printRow(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(w[i] - c.length() + 2));
      }
    }
    out.println(b.toString().stripTrailing());
  }

  private static String object(List<String> keys, List<String> values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(keys.get(i))).append(':').append(quote(values.get(i)));
    }
    return b.append('}').toString();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
