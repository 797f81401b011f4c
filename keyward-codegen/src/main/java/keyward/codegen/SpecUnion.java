package keyward.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import keyward.codegen.Overlay.Directive;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;

/**
 * Merges the per-version source tables, the mined item types and the overlay into the union
 * registry: one row per (number, name, contiguous version range).
 *
 * <p>The union is only sound if no number changes meaning between versions. A number may lose a
 * name (deprecated, then reserved) or change its spelling, but a change of normalised name at
 * one number must be declared in the overlay ({@code rename}); anything else fails the import, as
 * does one normalised name at two numbers.
 */
final class SpecUnion {
  /** The pseudo-enumeration whose values are the tags (KMIP 2.x Attribute Reference). */
  static final String TAG_ENUMERATION = "Tag";

  final List<TagRow> tagRows = new ArrayList<>();
  final List<EnumRow> enumRows = new ArrayList<>();

  /** What the import decided or noticed, for the console. */
  final List<String> notes = new ArrayList<>();

  /** Test-case element names that match no tag. */
  final Set<String> unknownElements = new TreeSet<>();

  private final Overlay overlay;
  private final Set<Directive> used = new HashSet<>();

  // enumeration (canonical name) -> value -> version index -> name
  private final Map<String, TreeMap<Integer, TreeMap<Integer, String>>> values = new TreeMap<>();
  // table name (canonical or renamed) -> canonical enumeration name
  private final Map<String, String> canonical = new HashMap<>();
  private final Set<String> masks = new TreeSet<>();
  // tag -> version index -> name
  private final TreeMap<Integer, TreeMap<Integer, String>> tags = new TreeMap<>();
  private final Map<String, Integer> tagByXml = new HashMap<>();

  private SpecUnion(Overlay overlay) {
    this.overlay = overlay;
  }

  static SpecUnion build(SourceSpec source, TestCaseTypes testCases, Overlay overlay) {
    SpecUnion u = new SpecUnion(overlay);
    u.collectEnumerations(source);
    u.collectTags(source);
    Map<Integer, TreeMap<Integer, String>> types = u.resolveTypes(testCases);
    Map<Integer, Set<String>> links = u.links(source);
    u.buildTagRows(types, links);
    u.buildEnumRows();
    for (Directive d : overlay.directives) {
      if (!u.used.contains(d)) {
        throw d.error("had no effect: remove it or fix it");
      }
    }
    return u;
  }

  // ---- enumerations ----

  private void collectEnumerations(SourceSpec source) {
    Set<String> tables = new TreeSet<>();
    source.values.forEach(v -> tables.add(v.enumeration()));
    tables.forEach(t -> canonical.put(t, t));
    for (Directive d : overlay.all("same-enumeration")) {
      if (!tables.contains(d.arg(0)) || !tables.contains(d.arg(1))) {
        throw d.error("both tables must exist in the sources");
      }
      canonical.put(d.arg(0), d.arg(1));
      used.add(d);
    }
    Map<List<Object>, Directive> fixes = new HashMap<>();
    for (Directive d : overlay.all("fix-name")) {
      fixes.put(List.of(canonicalOf(d, d.arg(0)), hex(d, d.arg(1)), d.arg(2)), d);
    }
    for (SourceSpec.Value v : source.values) {
      String e = canonical.get(v.enumeration());
      Directive fix = fixes.get(List.of(e, v.value(), v.name()));
      String name = v.name();
      if (fix != null) {
        name = fix.arg(3);
        used.add(fix);
      }
      TreeMap<Integer, String> byVersion =
          values.computeIfAbsent(e, k -> new TreeMap<>()).computeIfAbsent(v.value(), k -> new TreeMap<>());
      String before = byVersion.put(Versions.index(v.version()), name);
      if (before != null && !before.equals(name)) {
        throw new IllegalStateException(String.format(
            "%s %s value 0x%08X has two names: '%s' and '%s'", v.version(), e, v.value(), before, name));
      }
    }
    for (Directive d : overlay.all("mask")) {
      masks.add(canonicalOf(d, d.arg(0)));
      used.add(d);
    }
    for (Directive d : overlay.all("carry")) {
      String e = canonicalOf(d, d.arg(0));
      int v = Versions.index(d.arg(1));
      boolean present = values.get(e).values().stream().anyMatch(m -> m.containsKey(v));
      boolean before = values.get(e).values().stream().anyMatch(m -> m.containsKey(v - 1));
      if (present || !before) {
        throw d.error("only for a table that " + d.arg(1) + " lacks and the version before has");
      }
      values.get(e).values().forEach(m -> {
        if (m.containsKey(v - 1)) {
          m.put(v, m.get(v - 1));
        }
      });
      notes.add("carried " + e + " into " + d.arg(1) + " (" + d.where() + ")");
      used.add(d);
    }
    applyEarly();
  }

  /**
   * "early": values a newer (draft) version defines, accepted from an older version on as an
   * extension (the KMIP 3.0 post-quantum algorithms in 2.1 messages). Each value keeps its name.
   */
  private void applyEarly() {
    for (Directive d : overlay.all("early")) {
      String e = canonicalOf(d, d.arg(0));
      String[] range = d.arg(1).split("\\.\\.");
      int from = hex(d, range[0]);
      int to = hex(d, range[range.length - 1]);
      int v = Versions.index(d.arg(2));
      int n = 0;
      for (var entry : values.get(e).entrySet()) {
        if (entry.getKey() < from || entry.getKey() > to) {
          continue;
        }
        TreeMap<Integer, String> byVersion = entry.getValue();
        int first = byVersion.firstKey();
        if (first <= v) {
          throw d.error(String.format("0x%08X is already defined in %s", entry.getKey(), d.arg(2)));
        }
        for (int i = v; i < first; i++) {
          byVersion.put(i, byVersion.get(first));
        }
        n++;
      }
      if (n == 0) {
        throw d.error("no value of " + e + " in " + d.arg(1));
      }
      notes.add("served " + n + " " + e + " values from " + d.arg(2) + " on (" + d.where() + ")");
      used.add(d);
    }
  }

  private String canonicalOf(Directive d, String enumeration) {
    String e = canonical.get(enumeration);
    if (e == null) {
      throw d.error("no enumeration table named '" + enumeration + "'");
    }
    return e;
  }

  private void buildEnumRows() {
    for (var e : values.entrySet()) {
      String enumeration = e.getKey();
      boolean mask = masks.contains(enumeration);
      Map<String, Integer> valueByXml = new HashMap<>();
      for (var v : e.getValue().entrySet()) {
        int value = v.getKey();
        if (mask && Integer.bitCount(value) != 1) {
          throw new IllegalStateException(String.format("mask %s value 0x%08X is not one bit", enumeration, value));
        }
        Map<Integer, String> names = spellings(enumeration, value, v.getValue());
        for (Run<String> run : runs(names)) {
          String xml = Names.xmlName(run.key());
          Integer other = valueByXml.putIfAbsent(xml, value);
          if (other != null && other != value) {
            throw new IllegalStateException(String.format(
                "%s: the name %s stands for both 0x%08X and 0x%08X", enumeration, xml, other, value));
          }
          enumRows.add(new EnumRow(enumeration, mask, value, run.key(), xml, run.since(), run.until()));
        }
      }
    }
  }

  // ---- tags ----

  private void collectTags(SourceSpec source) {
    for (SourceSpec.Tag t : source.tags) {
      String before = tags.computeIfAbsent(t.tag(), k -> new TreeMap<>()).put(Versions.index(t.version()), t.name());
      if (before != null && !before.equals(t.name())) {
        throw new IllegalStateException(String.format(
            "%s tag 0x%06X has two names: '%s' and '%s'", t.version(), t.tag(), before, t.name()));
      }
      Integer other = tagByXml.putIfAbsent(Names.xmlName(t.name()), t.tag());
      if (other != null && other != t.tag()) {
        throw new IllegalStateException(String.format(
            "the tag name %s stands for both 0x%06X and 0x%06X", Names.xmlName(t.name()), other, t.tag()));
      }
    }
  }

  private int tagNamed(Directive d, String name) {
    Integer tag = tagByXml.get(Names.xmlName(name));
    if (tag == null) {
      throw d.error("no tag named '" + name + "'");
    }
    return tag;
  }

  /**
   * Item type per tag and version. One type seen in every version: that type throughout. Types
   * that differ between versions: per version, the one seen there ("varies" when several are),
   * else the nearest earlier version's, else the nearest later one's. Then the overlay's
   * {@code type} lines; then a tag still unknown that carries an enumeration is an Enumeration
   * (an Integer for a mask).
   */
  private Map<Integer, TreeMap<Integer, String>> resolveTypes(TestCaseTypes testCases) {
    Map<Integer, TreeMap<Integer, Set<String>>> seen = new TreeMap<>();
    testCases.types.forEach((element, byVersion) -> {
      Integer tag = tagByXml.get(element);
      if (tag == null) {
        unknownElements.add(element);
        return;
      }
      byVersion.forEach((v, ts) -> seen.computeIfAbsent(tag, k -> new TreeMap<>())
          .computeIfAbsent(Versions.index(v), k -> new TreeSet<>()).addAll(ts));
    });
    Map<Integer, TreeMap<Integer, String>> types = new TreeMap<>();
    for (var t : tags.entrySet()) {
      TreeMap<Integer, String> resolved = new TreeMap<>();
      TreeMap<Integer, Set<String>> s = seen.getOrDefault(t.getKey(), new TreeMap<>());
      Set<String> all = new TreeSet<>();
      s.values().forEach(all::addAll);
      for (int v : t.getValue().keySet()) {
        String type;
        if (all.isEmpty()) {
          type = SpecTables.NONE;
        } else if (all.size() == 1) {
          type = all.iterator().next();
        } else {
          var at = s.floorEntry(v) != null ? s.floorEntry(v) : s.ceilingEntry(v);
          type = at.getValue().size() == 1 ? at.getValue().iterator().next() : SpecTables.VARIES;
        }
        resolved.put(v, type);
      }
      types.put(t.getKey(), resolved);
    }
    for (Directive d : overlay.all("type")) {
      int tag = tagNamed(d, d.arg(0));
      String type = d.arg(1);
      if (!type.equals(SpecTables.VARIES) && !SpecTables.ITEM_TYPES.containsKey(type)) {
        throw d.error("unknown item type '" + type + "'");
      }
      int since = d.args().size() > 2 ? Versions.index(d.arg(2)) : 0;
      int until = d.args().size() > 3 ? Versions.index(d.arg(3)) : Versions.ALL.size() - 1;
      TreeMap<Integer, String> resolved = types.get(tag);
      boolean changed = false;
      for (int v : resolved.subMap(since, true, until, true).keySet()) {
        String before = resolved.put(v, type);
        changed |= !type.equals(before);
        if (!before.equals(SpecTables.NONE) && !before.equals(type)) {
          notes.add(String.format("type of %s in %s: test cases show %s, overlay says %s (%s)",
              d.arg(0), Versions.ALL.get(v), before, type, d.where()));
        }
      }
      if (!changed) {
        throw d.error("the test cases already show this type (or the tag is not in those versions)");
      }
      used.add(d);
    }
    return types;
  }

  // ---- tag <-> enumeration ----

  /** Tag → enumerations it carries: same name, Thales JSON, overlay links, minus unlinks. */
  private Map<Integer, Set<String>> links(SourceSpec source) {
    Map<String, String> enumByXml = new HashMap<>();
    canonical.forEach((table, e) -> enumByXml.put(Names.xmlName(table), e));
    Map<Integer, Set<String>> links = new TreeMap<>();
    tags.forEach((tag, names) -> names.values().forEach(n -> {
      String e = enumByXml.get(Names.xmlName(n));
      if (e != null) {
        links.computeIfAbsent(tag, k -> new TreeSet<>()).add(e);
      }
    }));
    source.thalesLinks.forEach((enumName, tagNames) -> {
      String e = enumByXml.get(Names.xmlName(enumName));
      if (e == null) {
        throw new IllegalStateException("Thales JSON enumeration '" + enumName + "' matches no table");
      }
      for (String tagName : tagNames) {
        Integer tag = tagByXml.get(Names.xmlName(tagName));
        if (tag == null) {
          throw new IllegalStateException("Thales JSON links " + enumName + " to unknown tag " + tagName);
        }
        links.computeIfAbsent(tag, k -> new TreeSet<>()).add(e);
      }
    });
    for (Directive d : overlay.all("unlink")) {
      if (!links.getOrDefault(tagNamed(d, d.arg(0)), Set.of()).remove(canonicalOf(d, d.arg(1)))) {
        throw d.error("there is no such link to remove");
      }
      used.add(d);
    }
    for (Directive d : overlay.all("link")) {
      String e = d.arg(1).equals(TAG_ENUMERATION) ? TAG_ENUMERATION : canonicalOf(d, d.arg(1));
      if (!links.computeIfAbsent(tagNamed(d, d.arg(0)), k -> new TreeSet<>()).add(e)) {
        throw d.error("the sources already give this link");
      }
      used.add(d);
    }
    return links;
  }

  private boolean hasValuesIn(String enumeration, int version) {
    return enumeration.equals(TAG_ENUMERATION)
        || values.get(enumeration).values().stream().anyMatch(m -> m.containsKey(version));
  }

  private void buildTagRows(Map<Integer, TreeMap<Integer, String>> types, Map<Integer, Set<String>> links) {
    int inferred = 0;
    for (var t : tags.entrySet()) {
      int tag = t.getKey();
      Map<Integer, String> names = spellings(TAG_ENUMERATION, tag, t.getValue());
      Map<Integer, List<String>> perVersion = new TreeMap<>();
      for (var nv : names.entrySet()) {
        int v = nv.getKey();
        String type = types.get(tag).get(v);
        String carried = null;
        for (String e : links.getOrDefault(tag, Set.of())) {
          boolean mask = masks.contains(e);
          boolean fits = switch (type) {
            case "Enumeration", SpecTables.VARIES, SpecTables.NONE -> !mask || !type.equals("Enumeration");
            case "Integer" -> mask;
            default -> false;
          };
          if (!fits) {
            continue;
          }
          if (!hasValuesIn(e, v)) {
            if (type.equals(SpecTables.NONE)) {
              continue; // e.g. Ephemeral: an enumeration only from 3.0, type unknown before
            }
            throw new IllegalStateException(String.format("tag %s (0x%06X) carries %s, which has no values in %s"
                + ": add a 'carry' line or fix the link", nv.getValue(), tag, e, Versions.ALL.get(v)));
          }
          if (carried != null) {
            throw new IllegalStateException(String.format(
                "tag 0x%06X in %s carries both %s and %s", tag, Versions.ALL.get(v), carried, e));
          }
          carried = e;
        }
        if (carried != null && type.equals(SpecTables.NONE)) {
          type = masks.contains(carried) ? "Integer" : "Enumeration";
          inferred++;
        }
        perVersion.put(v, Arrays.asList(nv.getValue(), type, carried));
      }
      for (Run<List<String>> run : runs(perVersion)) {
        String name = run.key().get(0);
        tagRows.add(new TagRow(tag, name, Names.xmlName(name), run.key().get(1), run.key().get(2),
            run.since(), run.until()));
      }
    }
    notes.add(inferred + " tag/version types inferred from the enumeration the tag carries");
  }

  // ---- names across versions ----

  /**
   * The name of one number per version, with each normalised name spelled one way: as in the
   * newest OASIS Standard that has it, else as in the draft. A change of normalised name must be
   * a declared {@code rename}.
   */
  private Map<Integer, String> spellings(String table, int number, TreeMap<Integer, String> byVersion) {
    Map<String, String> standardSpelling = new HashMap<>();
    Map<String, String> anySpelling = new HashMap<>();
    int standard = Versions.index(Versions.NEWEST_STANDARD);
    for (var e : byVersion.descendingMap().entrySet()) {
      String xml = Names.xmlName(e.getValue());
      anySpelling.putIfAbsent(xml, e.getValue());
      if (e.getKey() <= standard) {
        standardSpelling.putIfAbsent(xml, e.getValue());
      }
    }
    Map<Integer, String> out = new TreeMap<>();
    String previous = null;
    for (var e : byVersion.entrySet()) {
      String xml = Names.xmlName(e.getValue());
      if (previous != null && !previous.equals(xml)) {
        requireRename(table, number, previous, xml, Versions.ALL.get(e.getKey()));
      }
      previous = xml;
      out.put(e.getKey(), standardSpelling.getOrDefault(xml, anySpelling.get(xml)));
    }
    return out;
  }

  private void requireRename(String table, int number, String oldXml, String newXml, String version) {
    for (Directive d : overlay.all("rename")) {
      boolean sameTable = d.arg(0).equals(table) || Objects.equals(canonical.get(d.arg(0)), table);
      if (sameTable && hex(d, d.arg(1)) == number
          && Names.xmlName(d.arg(2)).equals(oldXml) && Names.xmlName(d.arg(3)).equals(newXml)) {
        used.add(d);
        return;
      }
    }
    throw new IllegalStateException(String.format(
        "%s 0x%X changes name in %s from %s to %s. If the meaning is unchanged, declare it in the"
            + " overlay: rename<TAB>%s<TAB>0x%X<TAB>old<TAB>new", table, number, version, oldXml, newXml,
        table, number));
  }

  private static int hex(Directive d, String s) {
    if (!s.matches("0x[0-9A-Fa-f]{1,8}")) {
      throw d.error("expected a 0x hex value, found '" + s + "'");
    }
    return SourceSpec.parseHex(s);
  }

  record Run<K>(K key, String since, String until) {}

  /** Contiguous versions with an equal key; a missing version ends a run. */
  static <K> List<Run<K>> runs(Map<Integer, K> byVersion) {
    List<Run<K>> out = new ArrayList<>();
    Map.Entry<Integer, K> start = null;
    int last = -2;
    Map<Integer, K> ordered = new LinkedHashMap<>(new TreeMap<>(byVersion));
    for (var e : ordered.entrySet()) {
      if (start != null && (e.getKey() != last + 1 || !Objects.equals(e.getValue(), start.getValue()))) {
        out.add(new Run<>(start.getValue(), Versions.ALL.get(start.getKey()), Versions.ALL.get(last)));
        start = null;
      }
      if (start == null) {
        start = e;
      }
      last = e.getKey();
    }
    if (start != null) {
      out.add(new Run<>(start.getValue(), Versions.ALL.get(start.getKey()), Versions.ALL.get(last)));
    }
    return out;
  }
}
