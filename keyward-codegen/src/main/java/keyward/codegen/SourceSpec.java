package keyward.codegen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The spec tables as found in ../shared/kmip-spec, one row per version, placeholders dropped:
 *
 * <ul>
 *   <li>{@code derived-from-oasis-spec-html/kmip-<v>-{tags,enumerations}.csv} for 1.0 to 2.1;
 *   <li>{@code appmonster007-kmip-adapter/kmip-spec-enumerations-v3.0-os_enumerations.csv} for the
 *       3.0 draft (category "Tag" is the tag table);
 *   <li>{@code ThalesGroup-kmip-go/*.json} for which tags carry which enumeration.
 * </ul>
 *
 * Placeholder rows (Extensions {@code 8XXXXXXX}, {@code 540000 - 54FFFF}, reserved ranges,
 * "(Reserved)", "(Unused)") are skipped; anything else that does not parse is an error.
 */
final class SourceSpec {
  record Tag(String version, int tag, String name) {}

  record Value(String version, String enumeration, int value, String name) {}

  final List<Tag> tags = new ArrayList<>();
  final List<Value> values = new ArrayList<>();

  /** Thales enumeration name → names of the tags that carry it (enumerations with values only). */
  final Map<String, Set<String>> thalesLinks = new LinkedHashMap<>();

  /** Skipped placeholder text, for the record (e.g. the extension ranges). */
  final Set<String> placeholders = new LinkedHashSet<>();

  private static final Pattern HEX8 = Pattern.compile("(0x)?[0-9A-Fa-f]{8}");
  private static final Pattern HEX6 = Pattern.compile("(0x)?42[0-9A-Fa-f]{4}");
  private static final List<String> CSV_VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1");

  static SourceSpec read(Path specDir) {
    SourceSpec s = new SourceSpec();
    Path derived = specDir.resolve("derived-from-oasis-spec-html");
    for (String v : CSV_VERSIONS) {
      s.readDerivedTags(v, derived.resolve("kmip-" + v + "-tags.csv"));
      s.readDerivedEnumerations(v, derived.resolve("kmip-" + v + "-enumerations.csv"));
    }
    s.readAppmonster(
        "3.0",
        specDir.resolve("appmonster007-kmip-adapter/kmip-spec-enumerations-v3.0-os_enumerations.csv"));
    s.readThales(specDir.resolve("ThalesGroup-kmip-go/kmip_1_4.json"));
    s.readThales(specDir.resolve("ThalesGroup-kmip-go/kmip_2_0_additions.json"));
    return s;
  }

  /** Columns name,tag,range,note. In 2.1 a few tags sit in the range column (extraction quirk). */
  void readDerivedTags(String version, Path file) {
    for (Row r : csv(file, "name,tag,range,note")) {
      String name = r.get(0);
      String number = !r.get(1).isEmpty() ? r.get(1) : r.get(2);
      if (isPlaceholder(name)) {
        placeholders.add("tags " + version + ": " + name + " " + r.get(1) + r.get(2));
        continue;
      }
      if (!HEX6.matcher(number).matches()) {
        throw r.error("tag '" + name + "' has no tag value: '" + number + "'");
      }
      tags.add(new Tag(version, parseHex(number), name));
    }
  }

  /** Columns enumeration,name,value,note. */
  void readDerivedEnumerations(String version, Path file) {
    for (Row r : csv(file, "enumeration,name,value,note")) {
      addValue(r, version, r.get(0), r.get(1), r.get(2));
    }
  }

  /** Columns enumeration_category,enumeration_name,value; category "Tag" holds the tag table. */
  void readAppmonster(String version, Path file) {
    for (Row r : csv(file, "enumeration_category,enumeration_name,value")) {
      if (r.get(0).equals("Tag")) {
        String name = r.get(1);
        if (isPlaceholder(name)) {
          placeholders.add("tags " + version + ": " + name + " " + r.get(2));
        } else if (HEX6.matcher(r.get(2)).matches()) {
          tags.add(new Tag(version, parseHex(r.get(2)), name));
        } else {
          throw r.error("tag '" + name + "' has no tag value: '" + r.get(2) + "'");
        }
      } else {
        addValue(r, version, r.get(0), r.get(1), r.get(2));
      }
    }
  }

  private void addValue(Row r, String version, String enumeration, String name, String value) {
    if (isPlaceholder(name)) {
      placeholders.add("enumerations " + version + ": " + enumeration + " " + name + " " + value);
      return;
    }
    if (!HEX8.matcher(value).matches()) {
      throw r.error(enumeration + " value '" + name + "' has no hex value: '" + value + "'");
    }
    values.add(new Value(version, enumeration, parseHex(value), name));
  }

  /**
   * "(Reserved)", "(Unused)" and the "Extensions" rows (8XXXXXXX, 540000 - 54FFFF). The 2.0 and
   * 2.1 tag tables also name 0x420137 "Reserved", without the brackets.
   */
  static boolean isPlaceholder(String name) {
    return switch (name) {
      case "Extensions", "(Reserved)", "Reserved", "(Unused)" -> true;
      default -> false;
    };
  }

  /** Shape: {"tags": {...}, "enums": [{"name", "values": {...}, "tags": [...]}], "masks": [...]}. */
  void readThales(Path file) {
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, file);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ((field.equals("enums") || field.equals("masks")) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            readThalesEnum(p, file);
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void readThalesEnum(JsonParser p, Path file) throws IOException {
    String name = null;
    List<String> linked = new ArrayList<>();
    int valueCount = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("name")) {
        name = p.getText();
      } else if (field.equals("tags") && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          linked.add(p.getText());
        }
      } else if (field.equals("values") && t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          p.nextToken();
          valueCount++;
        }
      } else {
        p.skipChildren();
      }
    }
    if (name == null) {
      throw new IllegalArgumentException(file + ": an enumeration without a name");
    }
    // PKCS#11 Function and PKCS#11 Return Code come without values: no table to link.
    if (valueCount > 0) {
      thalesLinks.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(linked);
    }
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, Path file) {
    if (actual != wanted) {
      throw new IllegalArgumentException(file + ": expected " + wanted + " at " + p.currentLocation());
    }
  }

  static int parseHex(String s) {
    return (int) Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
  }

  private record Row(Path file, int line, List<String> cells) {
    String get(int i) {
      return i < cells.size() ? cells.get(i) : "";
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
  }

  /** These CSVs have no quoting (checked: a quote is an error) and no embedded commas. */
  private static List<Row> csv(Path file, String header) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals(header)) {
      throw new IllegalArgumentException(file + ": expected header '" + header + "'");
    }
    int columns = header.split(",").length;
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String c : line.split(",", -1)) {
        cells.add(c.strip());
      }
      Row row = new Row(file, i + 1, cells);
      if (line.indexOf('"') >= 0 || cells.size() != columns) {
        throw row.error("expected " + columns + " unquoted columns");
      }
      rows.add(row);
    }
    return rows;
  }
}
