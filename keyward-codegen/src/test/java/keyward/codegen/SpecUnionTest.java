package keyward.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer's merge: since/until, renames, spellings, types, links, and what it refuses. */
class SpecUnionTest {
  @TempDir Path dir;

  SourceSpec source;
  TestCaseTypes types;

  @BeforeEach
  void minimalSpec() {
    source = new SourceSpec();
    types = new TestCaseTypes();
    for (String v : Versions.ALL) {
      tag(v, 0x420001, v.equals("3.0") ? "ActivationDate" : "Activation Date");
      tag(v, 0x420057, "Object Type");
      tag(v, 0x420038, "Hashing Algorithm");
      tag(v, 0x42002C, "Cryptographic Usage Mask");
      value(v, "Object Type", 2, "Symmetric Key");
      value(v, "Hashing Algorithm", 6, "SHA-256");
      if (!v.equals("3.0")) {
        value(v, "Cryptographic Usage Mask", 4, "Encrypt");
      }
    }
    for (String v : List.of("1.0", "1.1", "1.2", "1.3", "1.4")) {
      tag(v, 0x420090, "Template");
      value(v, "Object Type", 6, "Template");
    }
    seen("ActivationDate", "1.0", "DateTime");
    seen("ObjectType", "2.1", "Enumeration");
    seen("CryptographicUsageMask", "1.4", "Integer");
  }

  private void tag(String version, int tag, String name) {
    source.tags.add(new SourceSpec.Tag(version, tag, name));
  }

  private void value(String version, String enumeration, int value, String name) {
    source.values.add(new SourceSpec.Value(version, enumeration, value, name));
  }

  private void seen(String element, String version, String... itemTypes) {
    types.types.computeIfAbsent(element, k -> new TreeMap<>())
        .computeIfAbsent(version, k -> new TreeSet<>()).addAll(List.of(itemTypes));
  }

  private SpecUnion build(String... overlayLines) throws IOException {
    Path f = dir.resolve("overlay.tsv");
    Files.writeString(f, "# test overlay\nmask\tCryptographic Usage Mask\ncarry\tCryptographic Usage Mask\t3.0\n"
        + String.join("\n", overlayLines) + "\n");
    return SpecUnion.build(source, types, Overlay.read(f));
  }

  private static TagRow row(SpecUnion u, int tag) {
    List<TagRow> rows = u.tagRows.stream().filter(r -> r.tag() == tag).toList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void rangesTypesAndLinks() throws IOException {
    SpecUnion u = build();
    // the 3.0 CSV lost a space; the standard's spelling wins and the row runs to 3.0
    assertThat(row(u, 0x420001)).isEqualTo(
        new TagRow(0x420001, "Activation Date", "ActivationDate", "DateTime", null, "1.0", "3.0"));
    assertThat(row(u, 0x420090).until()).isEqualTo("1.4");
    assertThat(row(u, 0x420090).type()).isEqualTo("-");
    // linked by name; Hashing Algorithm is not seen in the test cases: inferred from the link
    assertThat(row(u, 0x420057).enumeration()).isEqualTo("Object Type");
    assertThat(row(u, 0x420038).type()).isEqualTo("Enumeration");
    assertThat(row(u, 0x42002C)).isEqualTo(new TagRow(0x42002C, "Cryptographic Usage Mask", "CryptographicUsageMask",
        "Integer", "Cryptographic Usage Mask", "1.0", "3.0"));
    assertThat(u.enumRows).contains(
        new EnumRow("Object Type", false, 6, "Template", "Template", "1.0", "1.4"),
        new EnumRow("Cryptographic Usage Mask", true, 4, "Encrypt", "Encrypt", "1.0", "3.0"));
  }

  @Test
  void aChangeOfNameMustBeDeclared() throws IOException {
    value("1.4", "Hashing Algorithm", 0x0E, "SHA-3-224");
    value("2.0", "Hashing Algorithm", 0x0E, "SHA3-224");
    assertThatThrownBy(this::build).hasMessageContaining("changes name in 2.0 from SHA_3_224 to SHA3_224");

    SpecUnion u = build("rename\tHashing Algorithm\t0x0000000E\tSHA-3-224\tSHA3-224");
    assertThat(u.enumRows).contains(
        new EnumRow("Hashing Algorithm", false, 0x0E, "SHA-3-224", "SHA_3_224", "1.4", "1.4"),
        new EnumRow("Hashing Algorithm", false, 0x0E, "SHA3-224", "SHA3_224", "2.0", "2.0"));
  }

  @Test
  void aReusedTagNumberIsRefused() {
    tag("2.0", 0x420090, "Something Else");
    assertThatThrownBy(this::build).hasMessageContaining("0x420090 changes name in 2.0");
  }

  @Test
  void oneNameForTwoNumbersIsRefused() {
    value("2.1", "Object Type", 7, "Symmetric Key");
    assertThatThrownBy(this::build).hasMessageContaining("SymmetricKey stands for both");
    source.values.removeLast();
    tag("2.1", 0x420099, "Object-Type");
    assertThatThrownBy(this::build).hasMessageContaining("ObjectType stands for both 0x420057 and 0x420099");
    source.tags.removeLast();
    tag("2.1", 0x420057, "Object Kind");
    assertThatThrownBy(this::build).hasMessageContaining("2.1 tag 0x420057 has two names");
  }

  @Test
  void typesPerVersionAndOverlayTypes() throws IOException {
    seen("Name", "1.0", "Structure");
    seen("Name", "3.0", "TextString");
    seen("KeyMaterial", "1.0", "ByteString", "Structure");
    for (String v : Versions.ALL) {
      tag(v, 0x420053, "Name");
      tag(v, 0x420043, "Key Material");
    }
    SpecUnion u = build("type\tTemplate\tStructure");
    List<TagRow> name = u.tagRows.stream().filter(r -> r.tag() == 0x420053).toList();
    assertThat(name).extracting(TagRow::type, TagRow::since, TagRow::until)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Structure", "1.0", "2.1"),
            org.assertj.core.groups.Tuple.tuple("TextString", "3.0", "3.0"));
    assertThat(row(u, 0x420043).type()).isEqualTo("varies");
    assertThat(row(u, 0x420090).type()).isEqualTo("Structure");
    assertThat(u.notes).isNotEmpty();
  }

  @Test
  void overlayLinesWithoutEffectAreRefused() {
    assertThatThrownBy(() -> build("type\tActivation Date\tDateTime")).hasMessageContaining("already show");
    assertThatThrownBy(() -> build("link\tObject Type\tObject Type")).hasMessageContaining("already give");
    assertThatThrownBy(() -> build("rename\tObject Type\t0x2\tA\tB")).hasMessageContaining("no effect");
    assertThatThrownBy(() -> build("type\tNo Such Tag\tInteger")).hasMessageContaining("no tag named");
    assertThatThrownBy(() -> build("frobnicate\tx")).hasMessageContaining("unknown directive");
  }

  /** "early": a value a newer version defines is served from an older one, under its own name. */
  @Test
  void earlyServesNewerValuesFromAnOlderVersion() throws IOException {
    value("3.0", "Hashing Algorithm", 0x20, "Future Hash");
    SpecUnion u = build("early\tHashing Algorithm\t0x20..0x21\t2.1");
    assertThat(u.enumRows).contains(new EnumRow("Hashing Algorithm", false, 0x20, "Future Hash", "FutureHash", "2.1", "3.0"));
    // a value the version already has, or a range without values, is refused
    assertThatThrownBy(() -> build("early\tHashing Algorithm\t0x6\t2.1")).hasMessageContaining("already defined in 2.1");
    assertThatThrownBy(() -> build("early\tHashing Algorithm\t0x30..0x31\t2.1")).hasMessageContaining("no value");
  }

  @Test
  void aLinkedEnumerationMustExistInTheTagsVersions() throws IOException {
    Path f = dir.resolve("overlay.tsv");
    Files.writeString(f, "mask\tCryptographic Usage Mask\n");
    assertThatThrownBy(() -> SpecUnion.build(source, types, Overlay.read(f)))
        .hasMessageContaining("no values in 3.0");
  }

  @Test
  void fixNameAndSameEnumerationAndThalesLinks() throws IOException {
    tag("1.4", 0x420102, "Mask Generator Hashing Algorithm");
    value("1.4", "Split Key Method", 4, "Polynomial Sharing GF (28)");
    value("1.0", "Profile Name Type", 1, "Baseline Server Basic KMIP v1.2");
    value("2.0", "Profile Name", 0x104, "Complete Server Basic");
    source.thalesLinks.put("Hashing Algorithm", Set.of("Hashing Algorithm", "Mask Generator Hashing Algorithm"));
    SpecUnion u = build(
        "fix-name\tSplit Key Method\t0x4\tPolynomial Sharing GF (28)\tPolynomial Sharing GF (2^8)",
        "same-enumeration\tProfile Name Type\tProfile Name");
    assertThat(u.enumRows).contains(
        new EnumRow("Split Key Method", false, 4, "Polynomial Sharing GF (2^8)", "PolynomialSharingGF2_8", "1.4", "1.4"),
        new EnumRow("Profile Name", false, 1, "Baseline Server Basic KMIP v1.2", "BaselineServerBasicKMIPV1_2", "1.0",
            "1.0"));
    assertThat(u.enumRows).noneMatch(r -> r.enumeration().equals("Profile Name Type"));
    assertThat(row(u, 0x420102).enumeration()).isEqualTo("Hashing Algorithm");
  }

  @Test
  void runsSplitAtGapsAndChanges() {
    Map<Integer, String> byVersion = Map.of(0, "a", 1, "a", 2, "b", 4, "b");
    assertThat(SpecUnion.runs(byVersion)).containsExactly(
        new SpecUnion.Run<>("a", "1.0", "1.1"), new SpecUnion.Run<>("b", "1.2", "1.2"),
        new SpecUnion.Run<>("b", "1.4", "1.4"));
  }
}
