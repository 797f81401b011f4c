package keyward.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;

/** Renders one enumeration (or mask) as a Java enum implementing KmipEnum. */
final class EnumClass {
  private EnumClass() {}

  static String render(String enumeration, List<EnumRow> rows, List<TagRow> tagRows) {
    String cls = Names.className(enumeration);
    boolean mask = rows.get(0).mask();
    List<EnumRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong((EnumRow r) -> Integer.toUnsignedLong(r.value()))
        .thenComparing(EnumRow::since, GenerateSpec.BY_VERSION));
    check(enumeration, sorted, mask);
    if (sorted.size() > GenerateSpec.MAX_CONSTANTS) {
      throw new IllegalArgumentException(enumeration + " has " + sorted.size()
          + " values; split the enum's static initialiser before raising MAX_CONSTANTS");
    }
    Map<EnumRow, String> names = new LinkedHashMap<>();
    Map<EnumRow, Integer> numbers = new LinkedHashMap<>();
    sorted.forEach(r -> {
      names.put(r, r.name());
      numbers.put(r, r.value());
    });
    Map<EnumRow, String> constants = GenerateSpec.constantNames(names, numbers, "_%08X");
    if (new LinkedHashSet<>(constants.values()).size() != constants.size()) {
      throw new IllegalArgumentException(enumeration + ": two names of one value give one constant: " + constants);
    }

    JavaWriter w = new JavaWriter();
    w.line(GenerateSpec.header()).line("package %s;", GenerateSpec.PACKAGE).line("");
    if (mask) {
      w.line("import java.util.Collection;").line("import java.util.EnumSet;");
    }
    w.line("import javax.annotation.processing.Generated;").line("");
    w.javadoc(classDoc(enumeration, sorted, mask, tagRows));
    w.line("@Generated(\"keyward.codegen.GenerateSpec\")");
    w.open("public enum " + cls + " implements KmipEnum {");
    for (int i = 0; i < sorted.size(); i++) {
      EnumRow r = sorted.get(i);
      w.javadoc(String.format("%s (0x%08X), KMIP %s.", JavaWriter.doc(r.name()), r.value(),
          GenerateSpec.versions(r.since(), r.until())));
      w.line("%s(0x%08X, %s, %s, KmipVersion.%s, KmipVersion.%s)%s", constants.get(r), r.value(),
          JavaWriter.literal(r.name()), JavaWriter.literal(r.xmlName()), Versions.constant(r.since()),
          Versions.constant(r.until()), i == sorted.size() - 1 ? ";" : ",");
    }
    w.line("");
    if (mask) {
      int known = 0;
      for (EnumRow r : sorted) {
        known |= r.value();
      }
      w.javadoc("Every bit some version defines.");
      w.line("private static final int KNOWN_BITS = 0x%08X;", known).line("");
    }
    w.line("private final int value;").line("private final String specName;").line("private final String xmlName;")
        .line("private final KmipVersion since;").line("private final KmipVersion until;").line("");
    w.open(cls + "(int value, String specName, String xmlName, KmipVersion since, KmipVersion until) {");
    w.line("this.value = value;").line("this.specName = specName;").line("this.xmlName = xmlName;")
        .line("this.since = since;").line("this.until = until;");
    w.close("}");
    for (String[] m : new String[][] {
        {"int", "value"}, {"String", "specName"}, {"String", "xmlName"}, {"KmipVersion", "since"},
        {"KmipVersion", "until"}}) {
      w.line("").line("@Override").open("public " + m[0] + " " + m[1] + "() {");
      w.line("return " + m[1] + ";").close("}");
    }
    fromValue(w, cls, sorted, constants);
    fromXmlName(w, cls, sorted, constants);
    if (mask) {
      maskHelpers(w, cls);
    }
    w.close("}");
    return w.toString();
  }

  /** One name per value and version; masks are single bits. */
  private static void check(String enumeration, List<EnumRow> rows, boolean mask) {
    for (int i = 0; i < rows.size(); i++) {
      EnumRow r = rows.get(i);
      if (r.mask() != mask) {
        throw new IllegalArgumentException(enumeration + ": mask flag differs between rows");
      }
      if (mask && Integer.bitCount(r.value()) != 1) {
        throw new IllegalArgumentException(String.format("%s: 0x%08X is not one bit", enumeration, r.value()));
      }
      for (int j = 0; j < i; j++) {
        EnumRow o = rows.get(j);
        if (o.value() == r.value()
            && GenerateSpec.overlap(o.since(), o.until(), r.since(), r.until())) {
          throw new IllegalArgumentException(String.format("%s 0x%08X has two rows for one version: %s, %s",
              enumeration, r.value(), o.name(), r.name()));
        }
      }
    }
  }

  private static String[] classDoc(String enumeration, List<EnumRow> rows, boolean mask, List<TagRow> tagRows) {
    String since = rows.stream().map(EnumRow::since).min(GenerateSpec.BY_VERSION).orElseThrow();
    String until = rows.stream().map(EnumRow::until).max(GenerateSpec.BY_VERSION).orElseThrow();
    Set<String> carriers = new LinkedHashSet<>();
    for (TagRow t : tagRows) {
      if (enumeration.equals(t.enumeration())) {
        carriers.add(String.format("%s (0x%06X)", JavaWriter.doc(t.name()), t.tag()));
      }
    }
    List<String> doc = new ArrayList<>();
    doc.add(String.format("The KMIP \"%s\" %s.", JavaWriter.doc(enumeration), mask ? "bit mask" : "enumeration"));
    doc.add("");
    doc.add(String.format("<p>Source: the \"%s\" table of the KMIP Specification, versions %s.",
        JavaWriter.doc(enumeration), GenerateSpec.versions(since, until)));
    doc.add("One constant per name a value has had; each constant knows the versions that define it");
    doc.add("under that name.");
    if (!carriers.isEmpty()) {
      doc.add("");
      doc.add("<p>Carried by the tag" + (carriers.size() > 1 ? "s " : " ") + String.join(", ", carriers) + ".");
    }
    doc.add("");
    if (mask) {
      doc.add("<p>A mask value is an Integer item holding several bits: use {@link #fromBits(int)} and");
      doc.add("{@link #toBits(Collection)}, and keep {@link #unknownBits(int)} (extensions, newer versions)");
      doc.add("as a raw int.");
    } else {
      doc.add("<p>Values this build does not know (extensions 8XXXXXXX, newer versions) have no constant:");
      doc.add("{@link #fromValue(int)} returns null for them and callers keep the raw int.");
    }
    return doc.toArray(String[]::new);
  }

  private static void fromValue(JavaWriter w, String cls, List<EnumRow> rows, Map<EnumRow, String> constants) {
    // Per value, the row with the newest name (latest until, then latest since).
    Map<Integer, EnumRow> newest = new LinkedHashMap<>();
    for (EnumRow r : rows) {
      newest.merge(r.value(), r, (a, b) -> Comparator.comparing(EnumRow::until, GenerateSpec.BY_VERSION)
          .thenComparing(EnumRow::since, GenerateSpec.BY_VERSION).compare(a, b) >= 0 ? a : b);
    }
    w.line("");
    w.javadoc("The constant for a wire value, under its newest name; null when this build does not know",
        "the value.");
    w.open("public static " + cls + " fromValue(int value) {");
    w.open("return switch (value) {");
    newest.forEach((v, r) -> w.line("case 0x%08X -> %s;", v, constants.get(r)));
    w.line("default -> null;");
    w.close("};").close("}");
  }

  private static void fromXmlName(JavaWriter w, String cls, List<EnumRow> rows, Map<EnumRow, String> constants) {
    w.line("");
    w.javadoc("The constant whose normalised XML/JSON name (in any version) is this; null when none is.");
    w.open("public static " + cls + " fromXmlName(String xmlName) {");
    w.open("if (xmlName == null) {").line("return null;").close("}");
    w.open("return switch (xmlName) {");
    for (EnumRow r : rows) {
      w.line("case %s -> %s;", JavaWriter.literal(r.xmlName()), constants.get(r));
    }
    w.line("default -> null;");
    w.close("};").close("}");
  }

  private static void maskHelpers(JavaWriter w, String cls) {
    w.line("");
    w.javadoc("The Integer item value for a set of bits.");
    w.open("public static int toBits(Collection<" + cls + "> bits) {");
    w.line("int value = 0;");
    w.open("for (" + cls + " bit : bits) {").line("value |= bit.value;").close("}");
    w.line("return value;").close("}");
    w.line("");
    w.javadoc("The known bits of an Integer item value, each under its newest name. Bits this build",
        "does not know are dropped here: keep them with {@link #unknownBits(int)}.");
    w.open("public static EnumSet<" + cls + "> fromBits(int value) {");
    w.line("EnumSet<" + cls + "> bits = EnumSet.noneOf(" + cls + ".class);");
    w.open("for (int rest = value & KNOWN_BITS; rest != 0; rest &= rest - 1) {");
    w.line("bits.add(fromValue(Integer.lowestOneBit(rest)));").close("}");
    w.line("return bits;").close("}");
    w.line("");
    w.javadoc("The bits of an Integer item value that no version known to this build defines.");
    w.open("public static int unknownBits(int value) {");
    w.line("return value & ~KNOWN_BITS;").close("}");
  }
}
