package keyward.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import keyward.codegen.SpecTables.EnumRow;
import keyward.codegen.SpecTables.TagRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTablesTest {
  @TempDir Path dir;

  @Test
  void rowsRoundTrip() {
    List<TagRow> tags = List.of(
        new TagRow(0x420001, "Activation Date", "ActivationDate", "DateTime", null, "1.0", "3.0"),
        new TagRow(0x42000B, "Attribute Value", "AttributeValue", "varies", null, "1.0", "3.0"),
        new TagRow(0x420057, "Object Type", "ObjectType", "Enumeration", "Object Type", "1.0", "3.0"));
    List<EnumRow> values = List.of(
        new EnumRow("Object Type", false, 2, "Symmetric Key", "SymmetricKey", "1.0", "3.0"),
        new EnumRow("Storage Status Mask", true, 0x80000000, "Top", "Top", "2.0", "2.1"));
    SpecTables.writeTags(dir.resolve("t.tsv"), List.of("a comment", ""), tags);
    SpecTables.writeEnumerations(dir.resolve("e.tsv"), List.of(), values);
    assertThat(SpecTables.readTags(dir.resolve("t.tsv"))).isEqualTo(tags);
    assertThat(SpecTables.readEnumerations(dir.resolve("e.tsv"))).isEqualTo(values);
  }

  @Test
  void badRowsNameTheFileAndLine() throws IOException {
    String header = SpecTables.TAG_HEADER + "\n";
    assertThatThrownBy(() -> read("# c\n" + header + "0x42001\tA\tA\tInteger\t-\t1.0\t2.0\nX\tA\tA\tInteger\t-\t1.0\t2.0\n"))
        .hasMessageContaining("t.tsv:4").hasMessageContaining("hex");
    assertThatThrownBy(() -> read(header + "0x420001\tA B\tAb\tInteger\t-\t1.0\t2.0\n"))
        .hasMessageContaining(":2").hasMessageContaining("normalised");
    assertThatThrownBy(() -> read(header + "0x420001\tA\tA\tText\t-\t1.0\t2.0\n")).hasMessageContaining("item type");
    assertThatThrownBy(() -> read(header + "0x420001\tA\tA\tInteger\t-\t2.1\t2.0\n")).hasMessageContaining("after");
    assertThatThrownBy(() -> read(header + "0x420001\tA\tA\tInteger\t-\t1.9\t2.0\n")).hasMessageContaining("version");
    assertThatThrownBy(() -> read(header + "0x420001\tA\tA\tInteger\t-\t1.0\n")).hasMessageContaining("columns");
    assertThatThrownBy(() -> read("0x420001\tA\tA\tInteger\t-\t1.0\t2.0\n")).hasMessageContaining("header");
    assertThatThrownBy(() -> read(header + "0x1000000\tA\tA\tInteger\t-\t1.0\t2.0\n")).hasMessageContaining("range");
  }

  private List<TagRow> read(String text) throws IOException {
    Path f = dir.resolve("t.tsv");
    Files.writeString(f, text);
    return SpecTables.readTags(f);
  }
}
