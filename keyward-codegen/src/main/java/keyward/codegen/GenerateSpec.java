package keyward.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;

/**
 * Build step (generate-sources of keyward-kmip): writes package {@code keyward.kmip.spec} from
 * the project's spec table ({@code tags.tsv}, {@code enumerations.tsv}).
 *
 * <ul>
 *   <li>{@code Tag}: an {@code int} constant for every name any tag ever had;
 *   <li>one Java enum per enumeration, implementing {@code KmipEnum}, with {@code fromValue} and
 *       {@code fromXmlName}; masks also get {@code toBits}, {@code fromBits}, {@code unknownBits};
 *   <li>{@code SpecData}: the rows, as {@code TagInfo} and {@code EnumInfo}, for the hand-written
 *       {@code SpecRegistry}.
 * </ul>
 *
 * Usage: {@code GenerateSpec <spec dir> <output source root>}. Output is deterministic; files are
 * rewritten only when their content changes, and stale generated files are removed.
 */
public final class GenerateSpec {
  private GenerateSpec() {}

  static final String PACKAGE = "keyward.kmip.spec";

  /** Rows per generated method: keeps each method far below the JVM's 64 KB code limit. */
  static final int ROWS_PER_METHOD = 100;

  /** Enum constants are built in one static initialiser; about 30 bytes of code each. */
  static final int MAX_CONSTANTS = 1500;

  /** Classes of the package that are hand-written or generated apart from the enumerations. */
  static final Set<String> TAKEN_NAMES = Set.of(
      "Tag", "SpecData", "SpecRegistry", "KmipVersion", "KmipEnum", "TagInfo", "EnumInfo", "EnumValue");

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GenerateSpec <spec dir> <output source root>");
    }
    Path specDir = Path.of(args[0]);
    Map<String, String> sources = render(
        SpecTables.readTags(specDir.resolve(SpecTables.TAGS_FILE)),
        SpecTables.readEnumerations(specDir.resolve(SpecTables.ENUMERATIONS_FILE)));
    int changed = write(Path.of(args[1]), sources);
    System.out.printf("GenerateSpec: %d classes in %s (%d rewritten)%n", sources.size(), args[1], changed);
  }

  /** Writes the sources under root/keyward/kmip/spec; returns how many files changed. */
  static int write(Path root, Map<String, String> sources) {
    Path dir = root.resolve(PACKAGE.replace('.', '/'));
    int changed = 0;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.toList()) {
          String file = p.getFileName().toString();
          if (file.endsWith(".java") && !sources.containsKey(file.substring(0, file.length() - 5))) {
            Files.delete(p);
          }
        }
      }
      for (var e : sources.entrySet()) {
        Path file = dir.resolve(e.getKey() + ".java");
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
          Files.write(file, bytes);
          changed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated sources to " + dir, e);
    }
    return changed;
  }

  /** Class simple name → Java source. */
  static Map<String, String> render(List<TagRow> tagRows, List<EnumRow> enumRows) {
    Map<String, List<EnumRow>> byEnumeration = new TreeMap<>();
    for (EnumRow r : enumRows) {
      byEnumeration.computeIfAbsent(r.enumeration(), k -> new ArrayList<>()).add(r);
    }
    checkTags(tagRows, byEnumeration.keySet());
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Tag", TagClass.render(tagRows));
    Map<String, String> classes = new LinkedHashMap<>();
    for (var e : byEnumeration.entrySet()) {
      String cls = Names.className(e.getKey());
      if (TAKEN_NAMES.contains(cls) || out.containsKey(cls)) {
        throw new IllegalArgumentException("enumeration '" + e.getKey() + "' would be class " + cls
            + ", which is taken");
      }
      out.put(cls, EnumClass.render(e.getKey(), e.getValue(), tagRows));
      classes.put(e.getKey(), cls);
    }
    out.put("SpecData", renderData(tagRows, byEnumeration, classes));
    return out;
  }

  /** Spec tags only; each tag number has one name per version; enumeration references resolve. */
  private static void checkTags(List<TagRow> rows, Set<String> enumerations) {
    Map<Integer, List<TagRow>> byTag = new HashMap<>();
    for (TagRow r : rows) {
      if ((r.tag() >>> 16) != 0x42) {
        throw new IllegalArgumentException(String.format(
            "tag 0x%06X %s is not a spec tag (0x42xxxx); extensions are not listed", r.tag(), r.name()));
      }
      if (r.enumeration() != null && !enumerations.contains(r.enumeration())
          && !r.enumeration().equals(SpecUnion.TAG_ENUMERATION)) {
        throw new IllegalArgumentException(String.format(
            "tag 0x%06X %s carries unknown enumeration '%s'", r.tag(), r.name(), r.enumeration()));
      }
      for (TagRow o : byTag.computeIfAbsent(r.tag(), k -> new ArrayList<>())) {
        if (overlap(o.since(), o.until(), r.since(), r.until())) {
          throw new IllegalArgumentException(String.format(
              "tag 0x%06X has two rows for one version: %s and %s", r.tag(), o.name(), r.name()));
        }
      }
      byTag.get(r.tag()).add(r);
    }
  }

  static boolean overlap(String since1, String until1, String since2, String until2) {
    return Versions.index(since1) <= Versions.index(until2)
        && Versions.index(since2) <= Versions.index(until1);
  }

  static String header() {
    return "// Generated by keyward.codegen.GenerateSpec from keyward-kmip/src/main/spec/*.tsv."
        + " Do not edit.\n";
  }

  private static String renderData(
      List<TagRow> tagRows, Map<String, List<EnumRow>> byEnumeration, Map<String, String> classes) {
    JavaWriter w = new JavaWriter();
    w.line(header()).line("package %s;", PACKAGE).line("")
        .line("import java.util.ArrayList;")
        .line("import java.util.List;")
        .line("import javax.annotation.processing.Generated;")
        .line("");
    w.javadoc("The spec table as data, for {@link SpecRegistry}: every tag row and every enumeration.",
        "Item types are written in full: this package also has an ItemType, the spec's enumeration.");
    w.line("@Generated(\"keyward.codegen.GenerateSpec\")");
    w.open("final class SpecData {");
    w.line("private SpecData() {}").line("");
    w.javadoc("Every row of tags.tsv, in file order (by tag, then version).");
    w.open("static TagInfo[] tagRows() {");
    w.line("TagInfo[] rows = new TagInfo[%d];", tagRows.size());
    int chunks = (tagRows.size() + ROWS_PER_METHOD - 1) / ROWS_PER_METHOD;
    for (int c = 0; c < chunks; c++) {
      w.line("tagRows%d(rows);", c);
    }
    w.line("return rows;").close("}");
    for (int c = 0; c < chunks; c++) {
      w.line("").open("private static void tagRows" + c + "(TagInfo[] rows) {");
      for (int i = c * ROWS_PER_METHOD; i < Math.min(tagRows.size(), (c + 1) * ROWS_PER_METHOD); i++) {
        TagRow r = tagRows.get(i);
        String type = SpecTables.ITEM_TYPES.get(r.type());
        w.line("rows[%d] = new TagInfo(0x%06X, %s, %s, %s, %s, KmipVersion.%s, KmipVersion.%s);", i, r.tag(),
            JavaWriter.literal(r.name()), JavaWriter.literal(r.xmlName()),
            type == null ? "null" : "keyward.kmip.ttlv.ItemType." + type,
            r.enumeration() == null ? "null" : JavaWriter.literal(r.enumeration()),
            Versions.constant(r.since()), Versions.constant(r.until()));
      }
      w.close("}");
    }
    w.line("");
    w.javadoc("Every enumeration of enumerations.tsv, by name, with its values from the enum's constants.");
    w.open("static EnumInfo[] enumerations() {");
    w.open("return new EnumInfo[] {");
    for (var e : byEnumeration.entrySet()) {
      w.line("info(%s, %s, %s, %s.values()),", JavaWriter.literal(e.getKey()),
          JavaWriter.literal(Names.xmlName(e.getKey())), e.getValue().get(0).mask(), classes.get(e.getKey()));
    }
    w.close("};").close("}");
    w.line("");
    w.open("private static EnumInfo info(String name, String xmlName, boolean mask, KmipEnum[] constants) {");
    w.line("List<EnumValue> values = new ArrayList<>(constants.length);");
    w.open("for (KmipEnum c : constants) {");
    w.line("values.add(new EnumValue(c.value(), c.specName(), c.xmlName(), c.since(), c.until()));");
    w.close("}");
    w.line("return new EnumInfo(name, xmlName, mask, values);");
    w.close("}");
    w.close("}");
    return w.toString();
  }

  /** "1.0 to 2.1" / "2.0" / "1.0 to 2.1 and 3.0 (draft)" style text for a version range. */
  static String versions(String since, String until) {
    String text = since.equals(until) ? since : since + " to " + until;
    return Versions.isDraft(until) ? text + " (3.0: draft)" : text;
  }

  /** Groups rows by a key, keeping first-seen order. */
  static <T, K> Map<K, List<T>> group(List<T> rows, java.util.function.Function<T, K> key) {
    Map<K, List<T>> out = new LinkedHashMap<>();
    rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return out;
  }

  /**
   * Java constant names, UPPER_SNAKE from the spec names. When names of different numbers give
   * the same constant, every one of them gets its number as a suffix (deterministic, whatever the
   * order). Names of one number may still share a constant; callers decide whether that is allowed.
   */
  static <K> Map<K, String> constantNames(Map<K, String> names, Map<K, Integer> numbers, String suffixFormat) {
    Map<String, List<K>> byBase = new HashMap<>();
    names.forEach((k, n) -> {
      String base = Names.upperSnake(n);
      if (base.isEmpty()) {
        throw new IllegalArgumentException("no constant name for '" + n + "'");
      }
      byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(k);
    });
    Map<K, String> out = new LinkedHashMap<>();
    for (K k : names.keySet()) {
      String base = Names.upperSnake(names.get(k));
      List<K> same = byBase.get(base);
      boolean clash = same.stream().map(numbers::get).distinct().count() > 1;
      out.put(k, clash ? base + String.format(suffixFormat, numbers.get(k)) : base);
    }
    return out;
  }

  static final Comparator<String> BY_VERSION = Comparator.comparingInt(Versions::index);
}
