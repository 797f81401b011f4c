package keyward.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateSpecTest {
  @TempDir Path dir;

  static TagRow tag(int tag, String name, String type, String enumeration, String since, String until) {
    return new TagRow(tag, name, Names.xmlName(name), type, enumeration, since, until);
  }

  static EnumRow value(String enumeration, boolean mask, int value, String name, String since, String until) {
    return new EnumRow(enumeration, mask, value, name, Names.xmlName(name), since, until);
  }

  static final List<TagRow> TAGS = List.of(
      tag(0x420001, "Activation Date", "DateTime", null, "1.0", "3.0"),
      tag(0x42002C, "Cryptographic Usage Mask", "Integer", "Cryptographic Usage Mask", "1.0", "3.0"),
      tag(0x420038, "Hashing Algorithm", "Enumeration", "Hashing Algorithm", "1.0", "3.0"),
      tag(0x420053, "Name", "Structure", null, "1.0", "2.1"),
      tag(0x420053, "Name", "TextString", null, "3.0", "3.0"),
      tag(0x420102, "Mask Generator Hashing Algorithm", "Enumeration", "Hashing Algorithm", "1.4", "3.0"),
      tag(0x42013B, "Attribute Reference", "varies", "Tag", "2.0", "3.0"));

  static final List<EnumRow> VALUES = List.of(
      value("Hashing Algorithm", false, 0x06, "SHA-256", "1.0", "3.0"),
      value("Hashing Algorithm", false, 0x0E, "SHA-3-224", "1.4", "1.4"),
      value("Hashing Algorithm", false, 0x0E, "SHA3-224", "2.0", "3.0"),
      value("Cryptographic Usage Mask", true, 0x04, "Encrypt", "1.0", "3.0"),
      value("Cryptographic Usage Mask", true, 0x08, "Decrypt", "1.0", "3.0"),
      value("Cryptographic Usage Mask", true, 0x40, "Export", "1.0", "1.4"));

  @Test
  void tagConstantsOnePerName() {
    String tag = GenerateSpec.render(TAGS, VALUES).get("Tag");
    assertThat(tag).contains("public static final int ACTIVATION_DATE = 0x420001;")
        .contains("public static final int NAME = 0x420053;")
        .contains("public static final int ATTRIBUTE_REFERENCE = 0x42013B;")
        .contains("@Generated(\"keyward.codegen.GenerateSpec\")")
        .contains("Do not edit.");
    // Name has two rows (its type changed in 3.0) but one constant, documented with both rows
    assertThat(count(tag, "int NAME =")).isEqualTo(1);
    assertThat(tag).contains("Structure, KMIP 1.0 to 2.1; TextString, KMIP 3.0");
  }

  @Test
  void renamedTagGetsAConstantPerNameWithOneValue() {
    List<TagRow> rows = List.of(tag(0x420010, "Old Name", "Integer", null, "1.0", "1.4"),
        tag(0x420010, "New Name", "Integer", null, "2.0", "2.1"));
    String tag = GenerateSpec.render(rows, VALUES).get("Tag");
    assertThat(tag).contains("int OLD_NAME = 0x420010;").contains("int NEW_NAME = 0x420010;");
  }

  @Test
  void collidingConstantsOfDifferentTagsGetTheirNumber() {
    List<TagRow> rows = List.of(tag(0x420010, "MAC/Signature", "ByteString", null, "1.0", "2.1"),
        tag(0x420011, "MAC Signature", "ByteString", null, "2.0", "2.1"));
    String tag = GenerateSpec.render(rows, VALUES).get("Tag");
    assertThat(tag).contains("int MAC_SIGNATURE_420010 = 0x420010;").contains("int MAC_SIGNATURE_420011 = 0x420011;");
  }

  @Test
  void enumConstantsValuesAndLookups() {
    String src = GenerateSpec.render(TAGS, VALUES).get("HashingAlgorithm");
    assertThat(src).contains("public enum HashingAlgorithm implements KmipEnum {")
        .contains("SHA_256(0x00000006, \"SHA-256\", \"SHA_256\", KmipVersion.V1_0, KmipVersion.V3_0),")
        .contains("SHA_3_224(0x0000000E, \"SHA-3-224\", \"SHA_3_224\", KmipVersion.V1_4, KmipVersion.V1_4),")
        .contains("SHA3_224(0x0000000E, \"SHA3-224\", \"SHA3_224\", KmipVersion.V2_0, KmipVersion.V3_0);")
        // fromValue answers with the newest name; fromXmlName knows both
        .contains("case 0x0000000E -> SHA3_224;")
        .doesNotContain("case 0x0000000E -> SHA_3_224;")
        .contains("case \"SHA_3_224\" -> SHA_3_224;")
        .contains("case \"SHA3_224\" -> SHA3_224;")
        .contains("Mask Generator Hashing Algorithm (0x420102)")
        .doesNotContain("toBits");
  }

  @Test
  void masksGetBitHelpers() {
    String src = GenerateSpec.render(TAGS, VALUES).get("CryptographicUsageMask");
    assertThat(src).contains("private static final int KNOWN_BITS = 0x0000004C;")
        .contains("public static int toBits(Collection<CryptographicUsageMask> bits)")
        .contains("public static EnumSet<CryptographicUsageMask> fromBits(int value)")
        .contains("public static int unknownBits(int value)");
  }

  @Test
  void specDataIsChunkedBelowTheMethodLimit() {
    List<TagRow> rows = new ArrayList<>();
    for (int i = 1; i <= 2 * GenerateSpec.ROWS_PER_METHOD + 1; i++) {
      rows.add(tag(0x420000 + i, "Tag " + Integer.toHexString(i) + " x", "Integer", null, "1.0", "2.1"));
    }
    String data = GenerateSpec.render(rows, VALUES).get("SpecData");
    assertThat(data).contains("TagInfo[] rows = new TagInfo[" + rows.size() + "];")
        .contains("private static void tagRows2(TagInfo[] rows) {")
        .doesNotContain("tagRows3")
        .contains("keyward.kmip.ttlv.ItemType.INTEGER")
        .contains("info(\"Hashing Algorithm\", \"HashingAlgorithm\", false, HashingAlgorithm.values()),")
        .contains("info(\"Cryptographic Usage Mask\", \"CryptographicUsageMask\", true, CryptographicUsageMask.values()),");
    // each chunk method holds at most ROWS_PER_METHOD rows
    Matcher m = Pattern.compile("private static void tagRows\\d\\(TagInfo\\[\\] rows\\) \\{\\n((?:    rows\\[.*\\n)*)")
        .matcher(data);
    int methods = 0;
    while (m.find()) {
      assertThat(m.group(1).lines().count()).isLessThanOrEqualTo(GenerateSpec.ROWS_PER_METHOD);
      methods++;
    }
    assertThat(methods).isEqualTo(3);
  }

  @Test
  void badTablesAreRefused() {
    assertThatThrownBy(() -> GenerateSpec.render(
        List.of(tag(0x420001, "A", "Enumeration", "No Such Enumeration", "1.0", "2.1")), VALUES))
        .hasMessageContaining("unknown enumeration");
    assertThatThrownBy(() -> GenerateSpec.render(List.of(tag(0x420001, "A", "Integer", null, "1.0", "2.0"),
        tag(0x420001, "B", "Integer", null, "2.0", "2.1")), VALUES))
        .hasMessageContaining("two rows for one version");
    assertThatThrownBy(() -> GenerateSpec.render(List.of(tag(0x540001, "Vendor", "Integer", null, "1.0", "2.1")), VALUES))
        .hasMessageContaining("not a spec tag");
    List<TagRow> plain = List.of(TAGS.get(0));
    assertThatThrownBy(() -> GenerateSpec.render(plain, List.of(value("Spec Data", false, 1, "X", "1.0", "2.1"))))
        .hasMessageContaining("taken");
    assertThatThrownBy(() -> GenerateSpec.render(plain, List.of(value("Cryptographic Usage Mask", true, 3, "X", "1.0", "2.1"),
        value("Hashing Algorithm", false, 1, "A", "1.0", "2.1"))))
        .hasMessageContaining("not one bit");
    assertThatThrownBy(() -> GenerateSpec.render(plain, List.of(value("Hashing Algorithm", false, 1, "A-B", "1.0", "1.4"),
        value("Hashing Algorithm", false, 1, "A B", "2.0", "2.1"), value("Cryptographic Usage Mask", true, 1, "X", "1.0", "2.1"))))
        .hasMessageContaining("one constant");
  }

  @Test
  void writeReplacesOnlyChangedFilesAndRemovesStaleOnes() throws IOException {
    Map<String, String> sources = GenerateSpec.render(TAGS, VALUES);
    assertThat(GenerateSpec.write(dir, sources)).isEqualTo(sources.size());
    Path pkg = dir.resolve("keyward/kmip/spec");
    Files.writeString(pkg.resolve("Stale.java"), "class Stale {}");
    assertThat(GenerateSpec.write(dir, sources)).isZero();
    assertThat(pkg.resolve("Stale.java")).doesNotExist();
    assertThat(pkg.resolve("Tag.java")).hasContent(sources.get("Tag"));
  }

  @Test
  void mainReadsTheTablesAndWritesTheSources() {
    SpecTables.writeTags(dir.resolve(SpecTables.TAGS_FILE), List.of(), TAGS);
    SpecTables.writeEnumerations(dir.resolve(SpecTables.ENUMERATIONS_FILE), List.of(), VALUES);
    GenerateSpec.main(new String[] {dir.toString(), dir.resolve("out").toString()});
    assertThat(dir.resolve("out/keyward/kmip/spec/SpecData.java")).exists();
    assertThat(dir.resolve("out/keyward/kmip/spec/HashingAlgorithm.java")).exists();
    assertThatThrownBy(() -> GenerateSpec.main(new String[] {dir.toString()})).hasMessageContaining("usage");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
