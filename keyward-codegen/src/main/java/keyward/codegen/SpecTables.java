package keyward.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's own spec table: {@code tags.tsv} and {@code enumerations.tsv} in
 * keyward-kmip/src/main/spec. ImportSpec writes them, GenerateSpec reads them. Format: UTF-8,
 * '#' comment lines, then one header line, then tab-separated rows; one row per (number, name,
 * version range).
 */
public final class SpecTables {
  private SpecTables() {}

  public static final String TAGS_FILE = "tags.tsv";
  public static final String ENUMERATIONS_FILE = "enumerations.tsv";

  static final String TAG_HEADER = "tag\tname\txml_name\ttype\tenumeration\tsince\tuntil";
  static final String ENUM_HEADER = "enumeration\tmask\tvalue\tname\txml_name\tsince\tuntil";

  /** Type column: the tag takes more than one item type (e.g. Attribute Value in 1.x). */
  public static final String VARIES = "varies";

  /** Type or enumeration column: none / not known. */
  public static final String NONE = "-";

  /** Item type names as the XML encoding writes them, mapped to keyward-kmip's ItemType constants. */
  static final Map<String, String> ITEM_TYPES =
      Map.ofEntries(
          Map.entry("Structure", "STRUCTURE"),
          Map.entry("Integer", "INTEGER"),
          Map.entry("LongInteger", "LONG_INTEGER"),
          Map.entry("BigInteger", "BIG_INTEGER"),
          Map.entry("Enumeration", "ENUMERATION"),
          Map.entry("Boolean", "BOOLEAN"),
          Map.entry("TextString", "TEXT_STRING"),
          Map.entry("ByteString", "BYTE_STRING"),
          Map.entry("DateTime", "DATE_TIME"),
          Map.entry("Interval", "INTERVAL"),
          Map.entry("DateTimeExtended", "DATE_TIME_EXTENDED"),
          Map.entry("Identifier", "IDENTIFIER"),
          Map.entry("Reference", "REFERENCE"),
          Map.entry("NameReference", "NAME_REFERENCE"));

  /**
   * One tag under one name for a contiguous range of versions.
   *
   * @param type an {@link #ITEM_TYPES} key, {@link #VARIES} or {@link #NONE} (not known)
   * @param enumeration the enumeration's spec name, or null
   */
  public record TagRow(
      int tag,
      String name,
      String xmlName,
      String type,
      String enumeration,
      String since,
      String until) {}

  /** One value (for masks: one bit) of an enumeration under one name for a range of versions. */
  public record EnumRow(
      String enumeration,
      boolean mask,
      int value,
      String name,
      String xmlName,
      String since,
      String until) {}

  public static List<TagRow> readTags(Path file) {
    List<TagRow> rows = new ArrayList<>();
    for (Line line : lines(file, TAG_HEADER)) {
      String[] f = line.fields();
      TagRow row =
          new TagRow(
              line.hex(f[0], 0xFFFFFF),
              line.text(f[1]),
              line.text(f[2]),
              line.type(f[3]),
              f[4].equals(NONE) ? null : line.text(f[4]),
              line.version(f[5]),
              line.version(f[6]));
      line.checkRange(row.since(), row.until());
      line.checkXmlName(row.name(), row.xmlName());
      rows.add(row);
    }
    return rows;
  }

  public static List<EnumRow> readEnumerations(Path file) {
    List<EnumRow> rows = new ArrayList<>();
    for (Line line : lines(file, ENUM_HEADER)) {
      String[] f = line.fields();
      EnumRow row =
          new EnumRow(
              line.text(f[0]),
              line.bool(f[1]),
              line.hex(f[2], -1),
              line.text(f[3]),
              line.text(f[4]),
              line.version(f[5]),
              line.version(f[6]));
      line.checkRange(row.since(), row.until());
      line.checkXmlName(row.name(), row.xmlName());
      rows.add(row);
    }
    return rows;
  }

  public static void writeTags(Path file, List<String> comment, List<TagRow> rows) {
    List<String> out = new ArrayList<>();
    comment.forEach(c -> out.add(c.isEmpty() ? "#" : "# " + c));
    out.add(TAG_HEADER);
    for (TagRow r : rows) {
      out.add(
          String.join(
              "\t",
              String.format(Locale.ROOT, "0x%06X", r.tag()),
              r.name(),
              r.xmlName(),
              r.type(),
              r.enumeration() == null ? NONE : r.enumeration(),
              r.since(),
              r.until()));
    }
    write(file, out);
  }

  public static void writeEnumerations(Path file, List<String> comment, List<EnumRow> rows) {
    List<String> out = new ArrayList<>();
    comment.forEach(c -> out.add(c.isEmpty() ? "#" : "# " + c));
    out.add(ENUM_HEADER);
    for (EnumRow r : rows) {
      out.add(
          String.join(
              "\t",
              r.enumeration(),
              Boolean.toString(r.mask()),
              String.format(Locale.ROOT, "0x%08X", r.value()),
              r.name(),
              r.xmlName(),
              r.since(),
              r.until()));
    }
    write(file, out);
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<Line> lines(Path file, String header) {
    List<String> all;
    try {
      all = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Line> rows = new ArrayList<>();
    boolean headerSeen = false;
    int columns = header.split("\t").length;
    for (int i = 0; i < all.size(); i++) {
      String text = all.get(i);
      if (text.isBlank() || text.startsWith("#")) {
        continue;
      }
      Line line = new Line(file, i + 1, text.split("\t", -1));
      if (!headerSeen) {
        if (!text.equals(header)) {
          throw line.error("expected the header line '" + header.replace("\t", "<TAB>") + "'");
        }
        headerSeen = true;
        continue;
      }
      if (line.fields().length != columns) {
        throw line.error("expected " + columns + " tab-separated columns, found " + line.fields().length);
      }
      rows.add(line);
    }
    if (!headerSeen) {
      throw new IllegalArgumentException(file + ": no header line");
    }
    return rows;
  }

  /** One data line, with parsers that report the file and line on bad input. */
  private record Line(Path file, int number, String[] fields) {
    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(file + ":" + number + ": " + message);
    }

    String text(String s) {
      if (s.isBlank() || !s.equals(s.strip())) {
        throw error("empty field or surrounding white space: '" + s + "'");
      }
      return s;
    }

    int hex(String s, int max) {
      if (!s.matches("0x[0-9A-F]{1,8}")) {
        throw error("expected 0x and upper-case hex digits, found '" + s + "'");
      }
      long v = Long.parseLong(s.substring(2), 16);
      if (max >= 0 && v > max) {
        throw error("value " + s + " out of range");
      }
      return (int) v;
    }

    boolean bool(String s) {
      return switch (s) {
        case "true" -> true;
        case "false" -> false;
        default -> throw error("expected true or false, found '" + s + "'");
      };
    }

    String version(String s) {
      if (!Versions.ALL.contains(s)) {
        throw error("unknown KMIP version '" + s + "'");
      }
      return s;
    }

    String type(String s) {
      if (!s.equals(VARIES) && !s.equals(NONE) && !ITEM_TYPES.containsKey(s)) {
        throw error("unknown item type '" + s + "'");
      }
      return s;
    }

    void checkRange(String since, String until) {
      if (Versions.index(since) > Versions.index(until)) {
        throw error("since " + since + " is after until " + until);
      }
    }

    void checkXmlName(String name, String xmlName) {
      if (!Names.xmlName(name).equals(xmlName)) {
        throw error("xml name '" + xmlName + "' is not the normalised form of '" + name + "'");
      }
    }
  }
}
