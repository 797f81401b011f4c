package keyward.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.codegen.SpecTables.TagRow;

/** Renders {@code Tag}: one {@code int} constant per name a tag has had. */
final class TagClass {
  private TagClass() {}

  static String render(List<TagRow> rows) {
    Map<List<Object>, List<TagRow>> byName = GenerateSpec.group(rows, r -> List.of(r.tag(), r.name()));
    Map<List<Object>, String> names = new LinkedHashMap<>();
    Map<List<Object>, Integer> numbers = new LinkedHashMap<>();
    byName.keySet().forEach(k -> {
      names.put(k, (String) k.get(1));
      numbers.put(k, (Integer) k.get(0));
    });
    Map<List<Object>, String> constants = GenerateSpec.constantNames(names, numbers, "_%06X");
    Map<String, List<List<Object>>> keysByConstant = new LinkedHashMap<>();
    constants.forEach((k, c) -> keysByConstant.computeIfAbsent(c, x -> new ArrayList<>()).add(k));

    JavaWriter w = new JavaWriter();
    w.line(GenerateSpec.header()).line("package %s;", GenerateSpec.PACKAGE).line("")
        .line("import javax.annotation.processing.Generated;").line("");
    w.javadoc(
        "The KMIP tags: one constant for every name a tag has had in KMIP 1.0 to 2.1 and the 3.0 draft",
        "(the \"Tag\" table of each KMIP Specification). A renamed tag has a constant per name, with",
        "the same value. Tags 0x540000 to 0x54FFFF are extensions and have no constant here.",
        "",
        "<p>Names are the spec's, in UPPER_SNAKE: runs of letters and digits, upper-cased and joined",
        "with underscores (\"MAC/Signature\" is {@code MAC_SIGNATURE}); where two tags' names give the",
        "same constant, each constant ends in its tag value. For per-version details (item type,",
        "enumeration, first and last version) see {@link SpecRegistry#tag(int)}.");
    w.line("@Generated(\"keyward.codegen.GenerateSpec\")");
    w.open("public final class Tag {");
    w.line("private Tag() {}");
    for (var e : keysByConstant.entrySet()) {
      List<TagRow> all = new ArrayList<>();
      for (List<Object> k : e.getValue()) {
        all.addAll(byName.get(k));
      }
      if (all.stream().map(TagRow::tag).distinct().count() > 1) {
        throw new IllegalStateException("constant " + e.getKey() + " for two tags");
      }
      w.line("");
      w.javadoc(describe(all));
      w.line("public static final int %s = 0x%06X;", e.getKey(), all.get(0).tag());
    }
    w.close("}");
    return w.toString();
  }

  /** e.g. "Activation Date (0x420001): Date-Time, KMIP 1.0 to 2.1 and 3.0 (draft)." */
  private static String describe(List<TagRow> rows) {
    StringBuilder b = new StringBuilder();
    b.append(JavaWriter.doc(rows.get(0).name()));
    b.append(String.format(" (0x%06X):", rows.get(0).tag()));
    String sep = " ";
    for (TagRow r : rows) {
      b.append(sep);
      b.append(switch (r.type()) {
        case SpecTables.VARIES -> "varying item type";
        case SpecTables.NONE -> "item type not recorded";
        default -> r.type();
      });
      if (r.enumeration() != null) {
        b.append(" (").append(JavaWriter.doc(r.enumeration())).append(")");
      }
      b.append(", KMIP ").append(GenerateSpec.versions(r.since(), r.until()));
      sep = "; ";
    }
    return b.append('.').toString();
  }
}
