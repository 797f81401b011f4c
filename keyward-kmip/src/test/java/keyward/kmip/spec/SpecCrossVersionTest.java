package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry is a union over versions, which is only sound if no tag number or enumeration value
 * is reused with another meaning. Checked here on the generated registry: in every version a
 * number has at most one name; a number whose normalised name changes is a rename the overlay
 * declares (e.g. SHA-3-224 → SHA3-224); and no name stands for two numbers, so XML decoding is
 * unambiguous.
 */
class SpecCrossVersionTest {

  @Test
  void tagNumbersKeepTheirMeaning() {
    Map<Integer, List<TagInfo>> byTag = new HashMap<>();
    SpecRegistry.tags().forEach(t -> byTag.computeIfAbsent(t.tag(), k -> new ArrayList<>()).add(t));
    List<String> problems = new ArrayList<>();
    Set<List<String>> renames = declaredRenames("Tag");
    byTag.forEach((tag, rows) -> {
      problems.addAll(overlaps(rows.stream().map(r -> new Span(r.name(), r.since(), r.until())).toList(),
          "tag " + Integer.toHexString(tag)));
      problems.addAll(undeclaredRenames(rows.stream().map(r -> new Span(r.xmlName(), r.since(), r.until())).toList(),
          renames, "tag " + Integer.toHexString(tag)));
    });
    problems.addAll(ambiguousNames(SpecRegistry.tags().stream().map(t -> Map.entry(t.xmlName(), t.tag())).toList(),
        "tag"));
    assertThat(byTag).hasSizeGreaterThan(400);
    assertThat(problems).isEmpty();
  }

  @Test
  void enumerationValuesKeepTheirMeaning() {
    List<String> problems = new ArrayList<>();
    int values = 0;
    for (EnumInfo e : SpecRegistry.enumerations()) {
      Map<Integer, List<EnumValue>> byValue = new HashMap<>();
      e.values().forEach(v -> byValue.computeIfAbsent(v.value(), k -> new ArrayList<>()).add(v));
      Set<List<String>> renames = declaredRenames(e.name());
      byValue.forEach((value, rows) -> {
        String what = e.name() + " " + Integer.toHexString(value);
        problems.addAll(overlaps(rows.stream().map(r -> new Span(r.name(), r.since(), r.until())).toList(), what));
        problems.addAll(undeclaredRenames(rows.stream().map(r -> new Span(r.xmlName(), r.since(), r.until())).toList(),
            renames, what));
      });
      problems.addAll(ambiguousNames(e.values().stream().map(v -> Map.entry(v.xmlName(), v.value())).toList(),
          e.name()));
      values += byValue.size();
    }
    assertThat(values).isGreaterThan(700);
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckSeesARenameAndAReuse() {
    Span sha3a = new Span("SHA_3_224", KmipVersion.V1_4, KmipVersion.V1_4);
    Span sha3b = new Span("SHA3_224", KmipVersion.V2_0, KmipVersion.V3_0);
    assertThat(undeclaredRenames(List.of(sha3a, sha3b), declaredRenames("Hashing Algorithm"), "x")).isEmpty();
    assertThat(undeclaredRenames(List.of(sha3a, sha3b), Set.of(), "x")).hasSize(1);
    assertThat(overlaps(List.of(sha3a, new Span("Other", KmipVersion.V1_0, KmipVersion.V1_4)), "x")).hasSize(1);
    assertThat(ambiguousNames(List.of(Map.entry("A", 1), Map.entry("A", 2)), "x")).hasSize(1);
  }

  record Span(String name, KmipVersion since, KmipVersion until) {}

  /** Two different names defined for one number in the same version. */
  static List<String> overlaps(List<Span> spans, String what) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      for (int j = i + 1; j < spans.size(); j++) {
        Span a = spans.get(i);
        Span b = spans.get(j);
        if (!a.name().equals(b.name()) && a.since().compareTo(b.until()) <= 0 && b.since().compareTo(a.until()) <= 0) {
          out.add(what + ": " + a.name() + " and " + b.name() + " in the same version");
        }
      }
    }
    return out;
  }

  /** Consecutive different normalised names of one number that the overlay does not declare. */
  static List<String> undeclaredRenames(List<Span> spans, Set<List<String>> declared, String what) {
    List<Span> ordered = new ArrayList<>(spans);
    ordered.sort((a, b) -> a.since().compareTo(b.since()));
    List<String> out = new ArrayList<>();
    for (int i = 1; i < ordered.size(); i++) {
      String before = ordered.get(i - 1).name();
      String after = ordered.get(i).name();
      if (!before.equals(after) && !declared.contains(List.of(before, after))) {
        out.add(what + ": renamed " + before + " -> " + after + " without a 'rename' in overlay.tsv");
      }
    }
    return out;
  }

  /** A normalised name that stands for two numbers. */
  static List<String> ambiguousNames(List<Map.Entry<String, Integer>> names, String what) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> out = new HashSet<>();
    for (var e : names) {
      Integer other = seen.putIfAbsent(e.getKey(), e.getValue());
      if (other != null && !other.equals(e.getValue())) {
        out.add(what + ": " + e.getKey() + " is both " + Integer.toHexString(other) + " and "
            + Integer.toHexString(e.getValue()));
      }
    }
    return new ArrayList<>(out);
  }

  /** (old XML name, new XML name) pairs of the overlay's rename lines for one table. */
  static Set<List<String>> declaredRenames(String table) {
    Set<List<String>> out = new HashSet<>();
    for (String[] r : SpecTableRows.overlay("rename")) {
      if (r[0].equals(table)) {
        out.add(List.of(SpecRegistry.xmlName(r[2]), SpecRegistry.xmlName(r[3])));
      }
    }
    return out;
  }
}
