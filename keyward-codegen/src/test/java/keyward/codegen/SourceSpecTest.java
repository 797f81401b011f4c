package keyward.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the source tables' shapes: placeholders dropped, quirks handled, anything else refused. */
class SourceSpecTest {
  @TempDir Path dir;

  @Test
  void derivedTagsSkipPlaceholdersAndReadTheRangeColumnQuirk() throws IOException {
    Path f = write("tags.csv", """
        name,tag,range,note
        (Unused),,000000 - 420000,
        Activation Date,0x420001,,
        (Reserved),0x420009,,
        Reserved,0x420137,,
        Rotate Interval,,0x42016A,
        Extensions,,540000 - 54FFFF,
        """);
    SourceSpec s = new SourceSpec();
    s.readDerivedTags("2.1", f);
    assertThat(s.tags).containsExactly(new SourceSpec.Tag("2.1", 0x420001, "Activation Date"),
        new SourceSpec.Tag("2.1", 0x42016A, "Rotate Interval"));
    assertThat(s.placeholders).anyMatch(p -> p.contains("540000 - 54FFFF"));
  }

  @Test
  void enumerationsSkipExtensionsAndReservedRanges() throws IOException {
    Path f = write("e.csv", """
        enumeration,name,value,note
        Object Type,Certificate,0x00000001,
        Object Type,Extensions,8XXXXXXX,
        Profile Name,(Reserved),00000001-00000103,range 00000001-00000103
        Cryptographic Usage Mask,Extensions,XXX00000,
        """);
    SourceSpec s = new SourceSpec();
    s.readDerivedEnumerations("2.0", f);
    assertThat(s.values).containsExactly(new SourceSpec.Value("2.0", "Object Type", 1, "Certificate"));
  }

  @Test
  void appmonsterTagCategoryIsTheTagTable() throws IOException {
    Path f = write("a.csv", """
        enumeration_category,enumeration_name,value
        Object Type,Certificate,00000001
        Tag,Activation Date,420001
        Tag,Rotate Name,0x42016F
        Tag,(Reserved),420XXX – 42FFFF
        OTP Algorithm,Extensions,8xxxxxxx
        """);
    SourceSpec s = new SourceSpec();
    s.readAppmonster("3.0", f);
    assertThat(s.tags).extracting(SourceSpec.Tag::tag).containsExactly(0x420001, 0x42016F);
    assertThat(s.values).containsExactly(new SourceSpec.Value("3.0", "Object Type", 1, "Certificate"));
  }

  @Test
  void unparseableRowsAreRefusedWithTheirLine() throws IOException {
    SourceSpec s = new SourceSpec();
    Path bad = write("b.csv", "enumeration,name,value,note\nObject Type,Certificate,0x0001,\n");
    assertThatThrownBy(() -> s.readDerivedEnumerations("1.0", bad)).hasMessageContaining("b.csv:2");
    Path quoted = write("q.csv", "enumeration,name,value,note\n\"A,B\",C,0x00000001,\n");
    assertThatThrownBy(() -> s.readDerivedEnumerations("1.0", quoted)).hasMessageContaining("unquoted");
    Path header = write("h.csv", "x,y\n");
    assertThatThrownBy(() -> s.readDerivedTags("1.0", header)).hasMessageContaining("header");
  }

  @Test
  void thalesLinksSkipEnumerationsWithoutValues() throws IOException {
    Path f = write("t.json", """
        {"tags": {"Activation Date": "0x420001"},
         "enums": [{"name": "Hashing Algorithm", "comment": "x", "values": {"MD2": 1},
                    "tags": ["Hashing Algorithm", "Mask Generator Hashing Algorithm"]},
                   {"name": "PKCS#11 Function", "values": {}, "tags": ["PKCS#11 Function"]}],
         "masks": [{"name": "Storage Status Mask", "values": {"On-line storage": 1},
                    "tags": ["Storage Status Mask"]}]}
        """);
    SourceSpec s = new SourceSpec();
    s.readThales(f);
    assertThat(s.thalesLinks).containsOnlyKeys("Hashing Algorithm", "Storage Status Mask");
    assertThat(s.thalesLinks.get("Hashing Algorithm"))
        .isEqualTo(Set.of("Hashing Algorithm", "Mask Generator Hashing Algorithm"));
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}
